import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isEvaluationOutput, type EvaluationOutput } from "~/domain/evaluation";
import type { ResultOutput } from "~/domain/results";
import { createI18n } from "~/i18n/i18n";
import { getCompetition } from "~/models/competition.server";
import { getEvaluationRun, getPublishedAny, getRun, listRuns } from "~/models/results.server";
import { getUser } from "~/server/auth.server";
import { tableToCsv, tableToXlsx } from "~/server/results-export.server";
import { idParam } from "~/utils/params";
import { evaluationTable, exportTable, type ExportKind } from "~/utils/results-tables";

const FILE = /^(scores|tally|allocation|evaluation)\.(csv|xlsx)$/;

/**
 * Exports: the published result for everyone; `?draft=1` gives the latest draft to the street
 * and observers, to check it in a spreadsheet before publishing. Chinese headers.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const match = FILE.exec(args.params.file ?? "");
  invariantResponse(match, "Not found", { status: 404 });
  const kind = match[1] as ExportKind | "evaluation";
  const format = match[2] as "csv" | "xlsx";
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  // A 效果共评 round exports its scores; a competition its scores, tally and money.
  invariantResponse(
    competition.kind === "evaluation" ? kind === "evaluation" : kind !== "evaluation",
    "Not found",
    { status: 404 },
  );

  let run: { id: number; output: ResultOutput | EvaluationOutput; hash: string };
  if (new URL(args.request.url).searchParams.get("draft") === "1") {
    const user = await getUser(args);
    invariantResponse(
      user && (user.role === "street_admin" || user.role === "observer"),
      "Forbidden",
      {
        status: 403,
      },
    );
    const latest = (await listRuns(db, id))[0];
    const draft = latest
      ? await (kind === "evaluation" ? getEvaluationRun : getRun)(db, id, latest.id)
      : null;
    invariantResponse(draft, "Not found", { status: 404 });
    run = { id: draft.id, output: draft.output, hash: draft.outputHash };
  } else {
    const published = await getPublishedAny(db, id);
    invariantResponse(published, "Not found", { status: 404 });
    run = { id: published.id, output: published.output, hash: published.outputHash };
  }
  const t = createI18n("zh-CN").t;
  const table = isEvaluationOutput(run.output)
    ? evaluationTable(t, run.output)
    : kind === "evaluation"
      ? null
      : exportTable(t, run.output, kind);
  invariantResponse(table, "Not found", { status: 404 });
  const base = `${competition.slug}-${kind}-${run.id}`;
  const readable = `${competition.title}-${table.name}-${run.id}`;
  const disposition = (ext: string) =>
    `attachment; filename="${base}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${readable}.${ext}`)}`;
  const headers = { "Cache-Control": "no-store", "X-Result-Hash": run.hash };
  if (format === "csv")
    return new Response(tableToCsv(table), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": disposition("csv"),
      },
    });
  const body = await tableToXlsx(table, { title: readable, hash: run.hash });
  return new Response(new Uint8Array(body), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition("xlsx"),
    },
  });
}
