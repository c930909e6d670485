import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TallyTable } from "~/components/tally-table";
import {
  MAX_REGISTRY_CSV_BYTES,
  parseRegistryCsv,
  type RegistryCsvError,
} from "~/domain/registry-csv";
import { ConnectionBadge } from "~/live/live-ui";
import { useLive } from "~/live/use-live";
import { useTally } from "~/live/use-tally";
import {
  computeTally,
  importRegistry,
  listBatches,
  registryCounts,
  voidToken,
} from "~/models/ballot.server";
import { listCommunities } from "~/models/community.server";
import { getCompetition } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { createStation, listStations } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { translateMessage } from "~/utils/messages";
import { idParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const [tally, batches, communities, registry, stations, snapshot] = await Promise.all([
    computeTally(db, id),
    listBatches(db, id),
    listCommunities(db),
    registryCounts(db, id),
    listStations(db, id),
    buildSnapshot(db, id, "host"),
  ]);
  return json({
    competition: { id, slug: competition.slug, verificationMode: competition.verificationMode },
    tally,
    batches,
    communities,
    registry,
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      communityName: s.communityName,
      status: s.reconciliation.status,
    })),
    snapshot,
    canEdit: user.role === "street_admin",
  });
}

const VoidSchema = z.object({
  batchId: z.coerce.number().int().positive(),
  checkCode: z.string().trim().min(4).max(12),
  reason: z.string().trim().max(200).default(""),
});
const StationSchema = z.object({
  communityId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1).max(60),
});

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const here = `/admin/competitions/${id}/voting`;

  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        args.request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_REGISTRY_CSV_BYTES }),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError)
        return json(
          { registryErrors: [{ line: 0, message: "needs.csv.tooBig" }] },
          { status: 400 },
        );
      throw error;
    }
    const file = form.get("file");
    if (!file || typeof file === "string")
      return json({ registryErrors: [{ line: 0, message: "needs.csv.noFile" }] }, { status: 400 });
    const { rows, errors } = parseRegistryCsv(await file.text());
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
      return json(
        {
          registryErrors: errors.sort((a, b) => a.line - b.line).slice(0, 50) as RegistryCsvError[],
        },
        { status: 400 },
      );
    const added = await importRegistry(db, actorOf(admin), id, resolved);
    return redirectWithToast(args.context, args.request, here, {
      message: "voting.registryImported",
      values: { added },
    });
  }

  const form = await args.request.formData();
  const intent = form.get("intent");
  if (intent === "void") {
    const parsed = VoidSchema.safeParse(Object.fromEntries(form));
    invariantResponse(parsed.success, "Bad request", { status: 400 });
    const result = await voidToken(
      db,
      actorOf(admin),
      parsed.data.batchId,
      parsed.data.checkCode,
      parsed.data.reason,
    );
    return redirectWithToast(args.context, args.request, here, {
      kind: result === "voided" ? "success" : "error",
      message: `voting.voidResults.${result}`,
    });
  }
  if (intent === "station") {
    const parsed = StationSchema.safeParse(Object.fromEntries(form));
    invariantResponse(parsed.success, "Bad request", { status: 400 });
    await createStation(db, actorOf(admin), { competitionId: id, ...parsed.data });
    return redirectWithToast(args.context, args.request, here, { message: "voting.stationAdded" });
  }
  invariantResponse(false, "Bad request", { status: 400 });
}

export default function VotingAdmin() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { connected, socket } = useLive(data.competition.id, "host", data.snapshot);
  const tally = useTally(socket, data.tally, connected);
  const turnout = tally?.turnout ?? data.tally?.turnout ?? [];
  return (
    <div className="space-y-6">
      <section className="card">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("tally.title")}</h2>
          <ConnectionBadge connected={connected} />
        </div>
        {tally ? <TallyTable tally={tally} /> : null}
        {turnout.length ? (
          <>
            <h3 className="mt-4 mb-2 font-semibold">{t("tally.turnout")}</h3>
            <ul className="grid gap-2 text-sm sm:grid-cols-3" data-testid="turnout">
              {turnout.map((c) => (
                <li
                  key={c.communityId}
                  className="flex justify-between rounded-lg bg-stone-50 px-3 py-2"
                >
                  <span>{c.communityName}</span>
                  <span className="tabular-nums">
                    {c.used} / {c.issued}
                    {c.issued ? `(${Math.round((c.used / c.issued) * 100)}%)` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("voting.batches")}</h2>
        <div className="overflow-x-auto">
          <table className="table" data-testid="batches">
            <thead>
              <tr>
                <th>{t("voting.batchName")}</th>
                <th>{t("voting.community")}</th>
                <th className="text-right">{t("voting.issued")}</th>
                <th className="text-right">{t("voting.used")}</th>
                <th className="text-right">{t("voting.void")}</th>
              </tr>
            </thead>
            <tbody>
              {data.batches.map((b) => (
                <tr key={b.id}>
                  <td>{b.name}</td>
                  <td>{b.communityName ?? "—"}</td>
                  <td className="text-right tabular-nums">{b.issued}</td>
                  <td className="text-right tabular-nums">{b.used}</td>
                  <td className="text-right tabular-nums">{b.void}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.canEdit ? (
          <>
            <Form
              method="post"
              action={`/admin/competitions/${data.competition.id}/cards`}
              reloadDocument
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
            >
              <label className="text-sm">
                <span className="label">{t("voting.batchName")}</span>
                <input
                  name="name"
                  className="input"
                  required
                  maxLength={60}
                  placeholder="春和社区 第一批"
                />
              </label>
              <label className="text-sm">
                <span className="label">{t("voting.community")}</span>
                <select name="communityId" className="input">
                  <option value="">—</option>
                  {data.communities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                <span className="label">{t("voting.count")}</span>
                <input
                  name="count"
                  type="number"
                  min={1}
                  max={5000}
                  defaultValue={100}
                  className="input"
                  required
                />
              </label>
              <div className="flex flex-col justify-end gap-2">
                <button name="format" value="print" className="btn-primary">
                  {t("voting.outputPrint")}
                </button>
                <button name="format" value="csv" className="btn-secondary">
                  {t("voting.outputCsv")}
                </button>
              </div>
              <p className="text-sm text-stone-500 sm:col-span-4">{t("voting.generateHint")}</p>
            </Form>
            <Form
              method="post"
              className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
            >
              <input type="hidden" name="intent" value="void" />
              <label className="text-sm">
                <span className="label">{t("voting.batchName")}</span>
                <select name="batchId" className="input" required>
                  {data.batches.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                <span className="label">{t("voting.checkCode")}</span>
                <input
                  name="checkCode"
                  className="input font-mono uppercase"
                  required
                  maxLength={12}
                />
              </label>
              <label className="text-sm">
                <span className="label">{t("voting.reason")}</span>
                <input name="reason" className="input" maxLength={200} />
              </label>
              <div className="flex items-end">
                <button className="btn-danger w-full">{t("voting.voidButton")}</button>
              </div>
            </Form>
          </>
        ) : null}
      </section>

      <section className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{t("voting.stations")}</h2>
          <Link
            to={`/admin/competitions/${data.competition.id}/paper-ballot`}
            className="btn-secondary"
            target="_blank"
          >
            {t("voting.paperBallot")}
          </Link>
        </div>
        <ul className="divide-y divide-stone-100" data-testid="stations">
          {data.stations.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
              <span>
                {s.name} <span className="text-sm text-stone-500">· {s.communityName}</span>
              </span>
              <span className="flex items-center gap-3 text-sm">
                <span
                  className={
                    s.status === "mismatch"
                      ? "font-semibold text-red-700"
                      : s.status === "agreed" || s.status === "resolved"
                        ? "text-emerald-700"
                        : "text-stone-600"
                  }
                >
                  {t(`voting.status.${s.status}`)}
                </span>
                <Link
                  to={`/admin/competitions/${data.competition.id}/stations/${s.id}`}
                  className="text-brand-700 underline"
                >
                  {s.status === "mismatch" ? t("voting.resolve") : t("voting.open")}
                </Link>
              </span>
            </li>
          ))}
        </ul>
        {data.canEdit ? (
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="station" />
            <label className="text-sm">
              <span className="label">{t("voting.community")}</span>
              <select name="communityId" className="input" required>
                {data.communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="label">{t("voting.stationName")}</span>
              <input name="name" className="input" required maxLength={60} />
            </label>
            <div className="flex items-end">
              <button className="btn-secondary w-full">{t("voting.addStation")}</button>
            </div>
          </Form>
        ) : null}
      </section>

      {data.competition.verificationMode !== "token" || data.registry.length ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("voting.registry")}</h2>
          <ul className="grid gap-2 text-sm sm:grid-cols-3">
            {data.registry.map((r) => (
              <li
                key={r.communityId}
                className="flex justify-between rounded-lg bg-stone-50 px-3 py-2"
              >
                <span>{r.communityName}</span>
                <span className="tabular-nums">
                  {r.voted} / {r.total}
                </span>
              </li>
            ))}
          </ul>
          {data.canEdit ? (
            <Form method="post" encType="multipart/form-data" className="space-y-2">
              <p className="text-sm text-stone-600">{t("voting.registryHint")}</p>
              <div className="flex flex-wrap items-end gap-3">
                <input type="file" name="file" accept=".csv,text/csv" />
                <button className="btn-secondary">{t("needs.importCsv")}</button>
              </div>
              {actionData?.registryErrors ? (
                <div
                  role="alert"
                  className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
                >
                  <p className="font-medium">{t("voting.registryErrors")}</p>
                  <ul className="list-disc pl-5">
                    {actionData.registryErrors.map((e, i) => (
                      <li key={i}>
                        {e.line > 0
                          ? t("needs.lineError", {
                              line: e.line,
                              column: "",
                              message: translateMessage(t, e.message),
                            })
                          : translateMessage(t, e.message)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
