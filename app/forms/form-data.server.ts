/**
 * The one place a form body is read. Every action reads its form through `readForm` (or
 * `cleanForm` for a body it read itself), so malformed input is answered here, once, with a 4xx
 * and a clear message, instead of reaching the database or the page:
 *
 * - a body that is not a form (wrong or missing Content-Type) → 415;
 * - a form that cannot be parsed (broken multipart, cut-off body) → 400;
 * - field names beyond any form's shape (too many fields, a list index past MAX_LIST_INDEX such
 *   as `budgetLines[99999]`, absurdly long names) → 400, before a sparse list is ever built;
 * - NUL characters, which PostgreSQL refuses in text, are stripped from names and values (what
 *   was typed is otherwise kept);
 * - Conform's own control fields (`__intent__`, `__state__`, sent by its buttons) that Conform
 *   cannot read (not its JSON, a list operation on a field that is no list) → 400, instead of
 *   an exception in the action.
 *
 * Refusals are thrown as Responses whose body is an i18n message key; the error boundary
 * translates it.
 */
import { parse } from "@conform-to/react";
import {
  json,
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";

import { formNamesProblem, withoutNul } from "./form-shape";

/** A 4xx whose body is a message key (JSON for fetch and `?_data=`, text for the boundary). */
function formRefusal(status: 400 | 413 | 415, key: string): Response {
  return json(key, { status, headers: { "Cache-Control": "no-store" } });
}

/** Checks the names and strips NULs; throws a 400 Response when the shape is not a form's. */
export function cleanForm(entries: Iterable<[string, FormDataEntryValue]>): FormData {
  const list = [...entries];
  if (formNamesProblem(list.map(([name]) => name))) throw formRefusal(400, "errors.form.badShape");
  const out = new FormData();
  for (const [name, value] of list)
    out.append(withoutNul(name), typeof value === "string" ? withoutNul(value) : value);
  if (out.has("__intent__") || out.has("__state__")) {
    try {
      parse(out, { resolve: () => ({ value: {} }) });
    } catch {
      throw formRefusal(400, "errors.form.badShape");
    }
  }
  return out;
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Is this request's body a form (by its Content-Type)? */
function isFormRequest(request: Request) {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  return FORM_TYPES.some((t) => type.startsWith(t));
}

/** The request's form, checked and cleaned (see the header comment), or a thrown 4xx. */
export async function readForm(request: Request): Promise<FormData> {
  if (!isFormRequest(request)) throw formRefusal(415, "errors.form.contentType");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw formRefusal(400, "errors.form.unreadable");
  }
  return cleanForm(form);
}

/** No text field of an upload form of ours (its `intent`, a few ids) comes near this. */
const MAX_TEXT_PART_BYTES = 64 * 1024;

/**
 * Keeps the files sent as `fileField` (each at most `maxPartSize` bytes, in memory) and the
 * form's text fields (its `intent`), and drops any other file.
 */
export function memoryUploadHandler(fileField: string, maxPartSize: number): UploadHandler {
  return unstable_composeUploadHandlers(
    unstable_createMemoryUploadHandler({
      maxPartSize,
      filter: ({ name, filename }) => name === fileField && filename !== undefined,
    }),
    unstable_createMemoryUploadHandler({
      maxPartSize: MAX_TEXT_PART_BYTES,
      filter: ({ filename }) => filename === undefined,
    }),
  );
}

/**
 * A multipart upload, read with Remix's handler: not multipart → 415, broken framing → 400; an
 * over-size part is rethrown (MaxPartSizeExceededError) for the caller's own message. Text
 * fields are then checked and cleaned like any form.
 */
export async function readMultipart(request: Request, handler: UploadHandler): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) throw formRefusal(415, "errors.form.contentType");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw error;
    throw formRefusal(400, "errors.form.unreadable");
  }
  return cleanForm(form);
}
