/**
 * The resident registry upload (the voting tab's one multipart form): a CSV in UTF-8 or
 * GBK/GB18030, imported whole or not at all. A refusal is the form's reply (a missing or too
 * big file beside the file field) with the CSV's problems line by line.
 */
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
} from "@remix-run/node";
import { decodeCsv } from "~/domain/csv-encoding";
import { MAX_REGISTRY_CSV_BYTES, parseRegistryCsv } from "~/domain/registry-csv";
import { readMultipart } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import type { Actor } from "~/models/audit.server";
import { importRegistry } from "~/models/ballot.server";
import { listCommunities } from "~/models/community.server";
import { redirectWithToast } from "~/server/toast.server";
import { RegistryImportSchema } from "./schema";

function refuse(
  submission: Submission<unknown>,
  more: { file?: string; lines?: Array<{ line: number; message: string }> },
) {
  return json(
    {
      intent: "registryImport" as const,
      result: refusal(submission, more.file ? { fieldErrors: { file: [more.file] } } : {}),
      lines: more.lines ?? [],
    },
    { status: 400 },
  );
}

export async function registryImportAction(
  args: ActionFunctionArgs,
  actor: Actor,
  competitionId: number,
  here: string,
) {
  const { db } = args.context.services;
  let form: FormData;
  try {
    form = await readMultipart(
      args.request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_REGISTRY_CSV_BYTES }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    const empty = parseWithZod(new FormData(), { schema: RegistryImportSchema });
    return refuse(empty, { file: msg("needs.csv.tooBig") });
  }
  const submission = parseWithZod(form, { schema: RegistryImportSchema });
  if (submission.status !== "success") return refuse(submission, {});
  // Excel on a Chinese PC saves GBK/GB18030: decode by what the bytes are.
  const { rows, errors } = parseRegistryCsv(
    decodeCsv(new Uint8Array(await submission.value.file.arrayBuffer())).text,
  );
  const communities = await listCommunities(db);
  const resolved = rows.flatMap((r, i) => {
    const community = communities.find((c) => c.name === r.community);
    if (!community) {
      errors.push({ line: i + 2, message: "registry.csv.unknownCommunity" });
      return [];
    }
    return [
      {
        name: r.name,
        phone: r.phone,
        document: r.document || undefined,
        communityId: community.id,
      },
    ];
  });
  if (errors.length)
    return refuse(submission, {
      file: msg("voting.registryErrors"),
      lines: errors.sort((a, b) => a.line - b.line).slice(0, 50),
    });
  const added = await importRegistry(db, actor, competitionId, resolved);
  const skipped = resolved.length - added;
  return redirectWithToast(args.context, args.request, here, {
    message: skipped ? "voting.registryImportedSkipped" : "voting.registryImported",
    values: { added, skipped },
  });
}
