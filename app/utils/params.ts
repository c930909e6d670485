import { invariantResponse } from "@epic-web/invariant";

/** The largest id a PostgreSQL integer column holds: an id past it names nothing (404, not 500). */
export const MAX_INT4 = 2_147_483_647;

/** Is this a positive integer that fits an id column? */
export function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= MAX_INT4;
}

/** A positive integer id from a route param, or a 404. */
export function idParam(raw: string | undefined): number {
  const id = Number(raw);
  invariantResponse(raw && /^\d{1,10}$/.test(raw) && isId(id), "Not found", { status: 404 });
  return id;
}
