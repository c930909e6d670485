import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
// The web-streams renderer, not react-dom/server's Node one: React 18.3's renderToPipeableStream
// writes its whole 2 KB buffer when a multi-byte character does not fit at the end, so Chinese
// pages carried NUL bytes (react#31134). This renderer encodes each string whole before chunking.
import { renderToReadableStream } from "react-dom/server.browser";
import { I18nextProvider } from "react-i18next";
import { describeError } from "../db/log-safe";
import { createI18n } from "./i18n/i18n";
import { getLocale } from "./i18n/locale.server";
import { isInputError, noteRequestError } from "./server/request-errors";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = createI18n(await getLocale(request));
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  let shellRendered = false;

  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </I18nextProvider>
    </NonceProvider>,
    {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error("[remix]", describeError(error));
      },
    },
  );
  shellRendered = true;
  if (waitForAll) await body.allReady;
  void body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  );

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  noteRequestError(error);
  // A 4xx Remix raised itself (no such route, no action for a POST): the answer says it all.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // A value the database refused (NUL, int overflow…) is answered 400 by remixHandler: no alarm.
  if (isInputError(error)) return;
  console.error("[remix]", describeError(error));
}
