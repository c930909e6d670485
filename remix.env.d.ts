/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// app/entry.server.tsx renders with React's web-streams build (see the comment there).
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
