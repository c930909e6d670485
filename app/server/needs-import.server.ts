/** CSV import of needs, shared by the secretary's and the street's pages. */
import { MaxPartSizeExceededError, type AppLoadContext } from "@remix-run/node";
import { decodeCsv } from "~/domain/csv-encoding";
import { MAX_NEEDS_CSV_BYTES, parseNeedsCsv, type NeedCsvError } from "~/domain/needs-csv";
import { memoryUploadHandler, readMultipart } from "~/forms/form-data.server";
import { listCommunities } from "~/models/community.server";
import { importNeeds } from "~/models/need.server";
import { actorOf } from "~/models/user.server";
import type { SessionUser } from "./auth.server";

type ImportResult =
  { ok: true; count: number; skipped: number } | { ok: false; errors: NeedCsvError[] };

/** A needs upload read with the CSV's size cap: the form, or the error to show. */
export async function readNeedsUpload(
  request: Request,
): Promise<{ ok: true; form: FormData } | { ok: false; errors: NeedCsvError[] }> {
  try {
    const form = await readMultipart(request, memoryUploadHandler("file", MAX_NEEDS_CSV_BYTES));
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, errors: [{ line: 0, message: "needs.csv.tooBig" }] };
    throw error;
  }
}

/** Secretaries import into their own community; the street names the community per row. */
export async function importNeedsFile(
  context: AppLoadContext,
  user: SessionUser,
  file: FormDataEntryValue | Blob | null,
): Promise<ImportResult> {
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, errors: [{ line: 0, message: "needs.csv.noFile" }] };
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
