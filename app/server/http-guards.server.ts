/**
 * Guards every request passes before anything reads its body (Express, ahead of the voting API
 * and Remix):
 *
 * - **Same origin for state changes (CSRF).** A POST, PUT, PATCH or DELETE from a browser must
 *   come from one of our own pages: its `Origin` (else its `Referer`) must be this server's own
 *   origin (the Host header, or X-Forwarded-Host when TRUST_PROXY says a proxy sets it) or
 *   PUBLIC_URL's, and `Sec-Fetch-Site`, when sent, must be same-origin or none. `Origin: null`
 *   is refused. A request with none of these headers comes from no browser (kiosks and scripts
 *   on the voting API, curl): it is let through, since every browser of the last years sends
 *   Origin on a POST, and the session cookie is SameSite=Lax besides. Refused → 403.
 * - **Body size before Remix.** Every body is capped: 1 MB for forms, more only on the upload
 *   routes (pitch deck, delivery photos and receipts, CSV imports). A declared Content-Length
 *   over the cap is refused before one byte is read; a chunked body is counted as it streams
 *   and cut at the cap. → 413.
 *
 * - **Values the database refuses are the request's fault.** A loader or action that failed on a
 *   PostgreSQL data exception (request-errors.ts) is answered 400 "badInput", not 500.
 *
 * Refusals are a short Chinese page (English with the English locale) for a navigation, JSON
 * `{ ok: false, error, message }` for everything else (fetch, `?_data=`, the APIs).
 */
// The adapter's own helpers (exported by its module, not re-exported by its index): the request
// handler below is @remix-run/express's createRequestHandler with a counted body.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { type AppLoadContext, createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { MAX_NEEDS_CSV_BYTES } from "../domain/needs-csv";
import { MAX_REGISTRY_CSV_BYTES } from "../domain/registry-csv";
import { MAX_SANDBOX_BYTES } from "../domain/sandbox";
import { MAX_UPLOAD_TOTAL_BYTES } from "../domain/uploads";
import type { Config } from "../env.server";
import { createI18n, type Locale } from "../i18n/i18n";
import { localeCookie } from "../i18n/locale.server";
import { MAX_UPLOAD_BYTES } from "../models/upload.server";
import { isInputError, requestErrors } from "./request-errors";
import { safeRedirect } from "./safe-redirect";

const MB = 1024 * 1024;
/** Any form, JSON or text body. */
const DEFAULT_BODY_LIMIT = 1 * MB;
/** What multipart framing and the other fields of an upload may add to its files. */
const FRAMING = 64 * 1024;

/** Routes that take files, and the most a whole request to each may carry. */
const UPLOAD_LIMITS: Array<[RegExp, number]> = [
  [/^\/secretary\/proposals\/[^/]+\/deck\/?$/, MAX_UPLOAD_BYTES + FRAMING],
  // Progress photos and a receipt: room for a few files, and for one over the per-file limit
  // to reach the action, which refuses it beside its field and keeps what was typed.
  [/^\/secretary\/deliveries\/[^/]+\/?$/, MAX_UPLOAD_TOTAL_BYTES + FRAMING],
  [/^\/(secretary|admin)\/needs\/?$/, MAX_NEEDS_CSV_BYTES + FRAMING],
  [/^\/admin\/competitions\/[^/]+\/voting\/?$/, MAX_REGISTRY_CSV_BYTES + FRAMING],
  // A .pb file up to twice the cap reaches the action, which refuses it beside its field.
  [/^\/admin\/sandbox\/?$/, 2 * MAX_SANDBOX_BYTES + FRAMING],
];

export function bodyLimitFor(pathname: string): number {
  return UPLOAD_LIMITS.find(([re]) => re.test(pathname))?.[1] ?? DEFAULT_BODY_LIMIT;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface OriginFacts {
  method: string;
  origin?: string;
  referer?: string;
  secFetchSite?: string;
  /** Host the client addressed: the Host header, or X-Forwarded-Host behind a trusted proxy. */
  host?: string;
  /** "https" when known to be (TLS here, or X-Forwarded-Proto from a trusted proxy). */
  protocol: string;
}

/** The CSRF rule of the header comment, pure. */
export function crossSiteRefused(facts: OriginFacts, publicUrl?: string): boolean {
  if (!STATE_CHANGING.has(facts.method.toUpperCase())) return false;
  const site = facts.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  const claimed = facts.origin ?? refererOrigin(facts.referer);
  if (claimed === undefined) return false; // no browser: kiosks, scripts
  if (claimed === "null") return true;
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return true;
  }
  if (publicUrl && url.origin === new URL(publicUrl).origin) return false;
  if (!facts.host) return true;
  // Behind a TLS-terminating proxy that is not trusted the app sees http while the browser
  // says https: the host decides then. When we know we are on https, so must the page be.
  const schemes = facts.protocol === "https" ? ["https:"] : ["http:", "https:"];
  if (!schemes.includes(url.protocol)) return true;
  let own: URL;
  try {
    own = new URL(`${url.protocol}//${facts.host}`);
  } catch {
    return true;
  }
  return url.host !== own.host;
}

function refererOrigin(referer: string | undefined) {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}

function originFacts(req: Request, trustProxy: boolean): OriginFacts {
  const forwarded = trustProxy ? req.get("X-Forwarded-Host")?.split(",")[0]?.trim() : undefined;
  return {
    method: req.method,
    origin: req.get("Origin"),
    referer: req.get("Referer"),
    secFetchSite: req.get("Sec-Fetch-Site"),
    host: forwarded || req.get("Host"),
    protocol: req.protocol,
  };
}

/**
 * The same rule for a socket.io handshake (polling or WebSocket upgrade): a socket carries the
 * session cookie and can act (score, host), so it is judged as a state change would be.
 */
export function handshakeRefused(
  req: import("node:http").IncomingMessage,
  config: Pick<Config, "trustProxy" | "publicUrl">,
): boolean {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const trust = config.trustProxy > 0;
  const forwarded = trust ? header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const tls = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const forwardedProto = trust ? header("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  return crossSiteRefused(
    {
      method: "POST",
      origin: header("origin"),
      referer: header("referer"),
      secFetchSite: header("sec-fetch-site"),
      host: forwarded || header("host"),
      protocol: forwardedProto ?? (tls ? "https" : "http"),
    },
    config.publicUrl,
  );
}

/** CSRF: state changes only from our own pages (or from no browser at all). */
export function sameOriginOnly(config: Config): RequestHandler {
  return (req, res, next) => {
    if (!crossSiteRefused(originFacts(req, config.trustProxy > 0), config.publicUrl)) return next();
    refuse(req, res, 403, "crossSite");
  };
}

/** Refuses a declared body over the route's cap before reading it. */
export function bodyLimits(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path);
    const declared = Number(req.get("Content-Length") ?? NaN);
    if (Number.isFinite(declared) && declared > limit) return refuse(req, res, 413, "tooLarge");
    next();
  };
}

/**
 * The Remix request handler: @remix-run/express's createRequestHandler, except that a body sent
 * without a Content-Length (chunked) is counted as Remix reads it and cut at the route's cap,
 * answering 413. (A declared length is enforced by Node and checked by bodyLimits.)
 */
export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext(req: Request, res: Response): AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    let overLimit = false;
    try {
      let request: globalThis.Request;
      if (
        req.method !== "GET" &&
        req.method !== "HEAD" &&
        req.get("Content-Length") === undefined
      ) {
        // The adapter builds URL, headers and abort signal; the body is ours to count.
        const head = createRemixRequest(Object.create(req, { method: { value: "GET" } }), res);
        const abort = new AbortController();
        head.signal.addEventListener("abort", () => abort.abort());
        const body = countedBody(req, bodyLimitFor(req.path), () => {
          overLimit = true;
          abort.abort(); // Remix then logs nothing (entry.server handleError)
        });
        request = new Request(head, {
          method: req.method,
          body,
          signal: abort.signal,
          duplex: "half",
        });
      } else {
        request = createRemixRequest(req, res);
      }
      const store = { errors: [] as unknown[] };
      const response = await requestErrors.run(store, () =>
        handle(request, options.getLoadContext(req, res)),
      );
      if (overLimit) return refuse(req, res, 413, "tooLarge");
      // A value the database refused as data is the request's fault: 400, with a message.
      if (response.status >= 500 && store.errors.some(isInputError))
        return refuse(req, res, 400, "badInput");
      await sendRemixResponse(res, response);
    } catch (error) {
      if (overLimit) return refuse(req, res, 413, "tooLarge");
      next(error);
    }
  };
}

/** The request body as a web stream that errors (and discards the rest) past `limit` bytes. */
function countedBody(req: Request, limit: number, onOverLimit: () => void) {
  let seen = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer) => {
          if (done) return;
          seen += chunk.byteLength;
          if (seen > limit) {
            done = true;
            req.off("data", onData);
            req.resume(); // read on and drop: nothing more is kept
            onOverLimit();
            controller.error(new Error("request body over the limit"));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        req.on("data", onData);
        req.once("end", () => {
          if (!done) controller.close();
          done = true;
        });
        req.once("error", (error) => {
          if (!done) controller.error(error);
          done = true;
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** Largest oversized body read to its end (and dropped) so that its sender sees the 413. */
const DRAIN_LIMIT = 64 * MB;

type Refusal = "tooLarge" | "crossSite" | "badInput";
const ERROR_CODE: Record<Refusal, string> = {
  tooLarge: "tooLarge",
  crossSite: "crossOrigin",
  badInput: "badInput",
};

function refuse(req: Request, res: Response, status: 400 | 403 | 413, kind: Refusal) {
  if (res.headersSent) return;
  void (async () => {
    const parsed: unknown = await localeCookie.parse(req.get("Cookie") ?? null).catch(() => null);
    const locale: Locale = parsed === "en" ? "en" : "zh-CN";
    const { t } = createI18n(locale);
    const limit = `${Math.round(bodyLimitFor(req.path) / MB)} MB`;
    const message = t(`guard.${kind}.message`, { limit });
    res.status(status).set({
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
    // A client still sending when the answer comes sees a reset, not the answer, if we close
    // at once: a declared body up to DRAIN_LIMIT is read on and dropped (no memory kept, the
    // browser shows our page); anything bigger or unbounded closes the connection.
    if (status === 413) {
      const declared = Number(req.get("Content-Length") ?? NaN);
      if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) req.resume();
      else res.set("Connection", "close");
    }
    if (!wantsPage(req)) return res.json({ ok: false, error: ERROR_CODE[kind], message });
    const title = t(`guard.${kind}.title`);
    res
      .type("html")
      .send(
        `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
          `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
          `<h1>${title}</h1><p>${message}</p><p><a href="${backLink(req)}">${t("guard.back")}</a></p></body></html>`,
      );
  })();
}

/** Back to the page the form was on (as a path on this site), else home. */
function backLink(req: Request) {
  let back = "/";
  try {
    const url = new URL(req.get("Referer") ?? "");
    back = safeRedirect(url.pathname + url.search, "/");
  } catch {
    // no usable Referer
  }
  return back.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page for a browser navigation (a plain form post); JSON for fetch, `?_data=` and APIs. */
function wantsPage(req: Request) {
  if (req.path.startsWith("/api/") || req.query._data !== undefined) return false;
  const mode = req.get("Sec-Fetch-Mode");
  if (mode) return mode === "navigate";
  return (req.get("Accept") ?? "").includes("text/html");
}
