/**
 * What the delivery pages' actions share: reading a form that may carry photos or a receipt
 * (multipart) or not, storing the files with the magic-byte check, and a model refusal in words.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { formatYuan } from "~/domain/money";
import { readForm, readMultipart } from "~/forms/form-data.server";
import { msg } from "~/forms/messages";
import { type DeliveryError, type StoredFile } from "~/models/delivery.server";
import { MAX_UPLOAD_BYTES, storeUpload, UploadError } from "~/models/upload.server";

const FILE_FIELDS = new Set(["photos", "receipt"]);

/** The form, with its files in memory (≤ 20 MB each); an over-size file is an UploadError. */
export async function readDeliveryForm(request: Request) {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) return readForm(request);
  try {
    return await readMultipart(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: MAX_UPLOAD_BYTES,
        // Text fields (no file name) pass; files only in the fields that take them.
        filter: ({ name, filename }) => !filename || FILE_FIELDS.has(name),
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadError("tooLarge", error.field);
    throw error;
  }
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
