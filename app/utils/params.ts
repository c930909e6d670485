import { invariantResponse } from "@epic-web/invariant";

/** A positive integer id from a route param, or a 404. */
export function idParam(raw: string | undefined): number {
  const id = Number(raw);
  invariantResponse(raw && /^\d+$/.test(raw) && Number.isSafeInteger(id) && id > 0, "Not found", {
    status: 404,
  });
  return id;
}
