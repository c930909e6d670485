/**
 * Uploaded files (pitch decks), stored once per content under DATA_DIR/uploads/ab/abcdef….
 * A file is accepted only when its declared type and its magic bytes agree on one of the
 * allowed types; its name is kept for display only.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { MAX_UPLOAD_BYTES } from "../domain/uploads";

export { MAX_UPLOAD_BYTES } from "../domain/uploads";

const DECK_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp"] as const;
type DeckType = (typeof DECK_TYPES)[number];

type UploadRefusal = "empty" | "tooLarge" | "type" | "typeOrPdf" | "mismatch";

export class UploadError extends Error {
  constructor(
    public refusal: UploadRefusal,
    public fileName: string,
  ) {
    super(`${refusal}: ${fileName}`);
  }
}

function uploadsDir(dataDir: string) {
  return path.resolve(dataDir, "uploads");
}

export function uploadPath(dataDir: string, sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("bad hash");
  return path.join(uploadsDir(dataDir), sha256.slice(0, 2), sha256);
}

function normaliseDeclared(type: string) {
  const t = type.toLowerCase().split(";")[0]!.trim();
  return t === "image/jpg" || t === "image/pjpeg" ? "image/jpeg" : t;
}

/** Progress photos: images a phone's browser shows. Receipts: a photo or a PDF. */
export const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const RECEIPT_TYPES = DECK_TYPES;

/** Checks and stores one deck file; returns what to record about it. */
export function storeDeckFile(dataDir: string, file: File) {
  return storeUpload(dataDir, file, DECK_TYPES);
}

/** Checks one file against the allowed types (declared and magic bytes agree) and stores it. */
export async function storeUpload(dataDir: string, file: File, allowed: readonly string[]) {
  const name = (file.name || "file").slice(0, 200);
  if (file.size === 0) throw new UploadError("empty", name);
  if (file.size > MAX_UPLOAD_BYTES) throw new UploadError("tooLarge", name);
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const declared = normaliseDeclared(file.type);
  if (!detected || !allowed.includes(detected.mime))
    throw new UploadError(allowed.includes("application/pdf") ? "typeOrPdf" : "type", name);
  if (declared !== detected.mime && declared !== "application/octet-stream" && declared !== "") {
    throw new UploadError("mismatch", name);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const target = uploadPath(dataDir, sha256);
  if (!fs.existsSync(target)) {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.promises.writeFile(temp, bytes, { mode: 0o640 });
    await fs.promises.rename(temp, target);
  }
  return { sha256, mime: detected.mime as DeckType, name, sizeBytes: bytes.length };
}
