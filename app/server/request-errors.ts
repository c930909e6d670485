/**
 * The errors a request's loaders and actions threw, for the one place that decides its answer
 * (remixHandler): an error PostgreSQL raised because of a value sent to it (SQLSTATE class 22,
 * data exception: a NUL in text, an integer past int4, a malformed date or number) is the
 * request's fault, answered 400 with a clear message, never 500 — whatever route let it through.
 *
 * Shared by the Remix build (entry.server's handleError notes errors) and the server build
 * (remixHandler reads them), which bundle this module separately: hence one store on globalThis.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Store {
  errors: unknown[];
}

const KEY = Symbol.for("roadshow.requestErrors");
const slot = globalThis as unknown as Record<symbol, AsyncLocalStorage<Store> | undefined>;
export const requestErrors: AsyncLocalStorage<Store> = (slot[KEY] ??=
  new AsyncLocalStorage<Store>());

export function noteRequestError(error: unknown) {
  requestErrors.getStore()?.errors.push(error);
}

/** A data exception (SQLSTATE 22xxx) anywhere in the error's cause chain. */
/**
 * Whether an error is the database connection going away (an instance closing its pool while a
 * query was in flight, a restart, an admin shutdown), not a fault of the request or the code.
 */
export function isConnectionLost(error: unknown): boolean {
  const codes = new Set([
    "CONNECTION_ENDED",
    "CONNECTION_CLOSED",
    "CONNECTION_DESTROYED",
    "ECONNREFUSED",
    "ECONNRESET",
    "57P01",
    "57P02",
    "57P03",
  ]);
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function isInputError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
