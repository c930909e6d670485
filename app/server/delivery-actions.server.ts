/**
 * What the delivery pages' actions share: reading a form that may carry photos or a receipt
 * (multipart) or not, storing the files with the magic-byte check, and a model refusal in words.
 */
import { MaxPartSizeExceededError, type UploadHandler } from "@remix-run/node";
import { formatYuan } from "~/domain/money";
import { readForm, readMultipart } from "~/forms/form-data.server";
import { msg } from "~/forms/messages";
import { type DeliveryError, type StoredFile } from "~/models/delivery.server";
import { MAX_UPLOAD_BYTES, storeUpload, UploadError } from "~/models/upload.server";

const FILE_FIELDS = new Set(["photos", "receipt"]);

/** A file the form refused while reading it (over the size limit): its field and name. */
export type OversizeFile = { field: string; name: string };

/**
 * Reads every part: text fields as text, files in the fields that take them in memory. A file
 * over MAX_UPLOAD_BYTES is read to its end and dropped (noted in `oversize`) instead of
 * aborting the parse, so that what was typed in the other fields still reaches the action and
 * comes back in the form beside the refusal.
 */
function deliveryUploadHandler(oversize: OversizeFile[]): UploadHandler {
  return async ({ name, filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    const keep = !isFile || FILE_FIELDS.has(name);
    let size = 0;
    let over = false;
    const chunks: BlobPart[] = [];
    for await (const chunk of data) {
      if (!keep || over) continue;
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES) {
        over = true;
        chunks.length = 0;
      } else chunks.push(chunk as Uint8Array<ArrayBuffer>);
    }
    if (!keep) return undefined;
    if (over) {
      if (!isFile) throw new MaxPartSizeExceededError(name, MAX_UPLOAD_BYTES);
      oversize.push({ field: name, name: (filename || "file").slice(0, 200) });
      return undefined;
    }
    if (isFile) return new File(chunks, filename, { type: contentType });
    return await new Blob(chunks, { type: contentType }).text();
  };
}

/**
 * The form, with its files in memory (≤ 20 MB each), and the files refused as over-size (left
 * out of the form, every other field kept).
 */
export async function readDeliveryForm(
  request: Request,
): Promise<{ formData: FormData; oversize: OversizeFile[] }> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data"))
    return { formData: await readForm(request), oversize: [] };
  const oversize: OversizeFile[] = [];
  try {
    return { formData: await readMultipart(request, deliveryUploadHandler(oversize)), oversize };
  } catch (error) {
    // Only a text field can still be over the limit: no form of ours sends one.
    if (error instanceof MaxPartSizeExceededError) throw new UploadError("tooLarge", error.field);
    throw error;
  }
}

/** The refusals of over-size files, beside their fields (in words, with the file's name). */
export function oversizeErrors(oversize: OversizeFile[]) {
  const errors: Record<string, string[]> = {};
  for (const f of oversize)
    (errors[f.field] ??= []).push(uploadMessage(new UploadError("tooLarge", f.name)));
  return errors;
}

/** Stores the files (each checked by its bytes); the first refused one is thrown. */
export async function storeFiles(dataDir: string, files: File[], allowed: readonly string[]) {
  const stored: StoredFile[] = [];
  for (const f of files) stored.push(await storeUpload(dataDir, f, allowed));
  return stored;
}

export function uploadMessage(error: UploadError) {
  return msg(`delivery.uploads.${error.refusal}`, { name: error.fileName });
}

/** A model refusal in words, with what is left where it says so. */
export function deliveryRefusalMessage(error: DeliveryError) {
  if (error.refusal === "overGrant" || error.refusal === "overBudget")
    return msg(`delivery.refusals.${error.refusal}`, {
      remaining: formatYuan(Math.max(0, error.remainingFen ?? 0)),
    });
  return msg(`delivery.refusals.${error.refusal}`);
}
