/** CSV import of needs, shared by the secretary's and the street's pages. */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  type AppLoadContext,
} from "@remix-run/node";
import { decodeCsv } from "~/domain/csv-encoding";
import { MAX_NEEDS_CSV_BYTES, parseNeedsCsv, type NeedCsvError } from "~/domain/needs-csv";
import { listCommunities } from "~/models/community.server";
import { importNeeds } from "~/models/need.server";
import { actorOf } from "~/models/user.server";
import { readMultipart } from "~/utils/form-data.server";
import type { SessionUser } from "./auth.server";

export type ImportResult =
  { ok: true; count: number; skipped: number } | { ok: false; errors: NeedCsvError[] };

/** Secretaries import into their own community; the street names the community per row. */
export async function importNeedsFromRequest(
  context: AppLoadContext,
  request: Request,
  user: SessionUser,
): Promise<ImportResult> {
  const upload = await readNeedsUpload(request);
  if (!upload.ok) return upload;
  const file = upload.form.get("file");
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, errors: [{ line: 0, message: "needs.csv.noFile" }] };
  return importNeedsFile(context, file, user);
}

/** The import form's fields (`file`, `intent`), or "too big" when the file is over the limit. */
export async function readNeedsUpload(
  request: Request,
): Promise<{ ok: true; form: FormData } | { ok: false; errors: NeedCsvError[] }> {
  try {
    const form = await readMultipart(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: MAX_NEEDS_CSV_BYTES,
        filter: ({ name }) => name === "file" || name === "intent",
      }),
    );
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, errors: [{ line: 0, message: "needs.csv.tooBig" }] };
    throw error;
  }
}

/** Imports a needs CSV: every row or none, duplicates of stored needs skipped. */
export async function importNeedsFile(
  context: AppLoadContext,
  file: Blob,
  user: SessionUser,
): Promise<ImportResult> {
  // Excel on a Chinese PC saves GBK/GB18030: decode by what the bytes are, not by assumption.
  const { text } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const { rows, errors } = parseNeedsCsv(text);
  const { db } = context.services;
  const communities = await listCommunities(db);
  const resolved = [];
  for (const [i, row] of rows.entries()) {
    let communityId = user.role === "secretary" ? user.communityId : null;
    if (user.role === "street_admin")
      communityId = communities.find((c) => c.name === row.community)?.id ?? null;
    if (!communityId) {
      errors.push({ line: i + 2, column: "社区", message: "needs.csv.unknownCommunity" });
      continue;
    }
    resolved.push({
      communityId,
      title: row.title,
      description: row.description,
      source: row.source,
      raisedCount: row.raisedCount,
      status: row.status,
    });
  }
  if (errors.length)
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line).slice(0, 50) };
  const { added, skipped } = await importNeeds(db, actorOf(user), resolved);
  return { ok: true, count: added, skipped };
}
