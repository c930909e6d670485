// Bundles the server (server.ts) and the operator commands (scripts/*.ts) with our own modules
// (app/server, db, realtime, seeds) into server-build/; npm packages stay external. Production
// needs neither tsx nor any dev dependency: `npm start` runs server-build/index.js and the
// commands run as `node server-build/cli/<name>.js`.
import fs from "node:fs";
import { build } from "esbuild";

const commands = ["db-migrate", "db-seed", "audit-verify", "tokens", "allocate"];

await build({
  entryPoints: {
    server: "server.ts",
    ...Object.fromEntries(commands.map((name) => [`cli/${name}`, `scripts/${name}.ts`])),
  },
  outdir: "server-build",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // Commands read NODE_ENV only when they run (parseConfig), after this line.
  banner: { js: 'process.env.NODE_ENV ??= "production";' },
});

// The server's entry: NODE_ENV is settled before React, Remix or Express are imported (an
// import is evaluated before any statement of the module importing it, banner included).
fs.writeFileSync(
  "server-build/index.js",
  [
    "// npm start: production unless NODE_ENV says otherwise (no cross-env needed).",
    'process.env.NODE_ENV ??= "production";',
    'await import("./server.js");',
    "",
  ].join("\n"),
);
