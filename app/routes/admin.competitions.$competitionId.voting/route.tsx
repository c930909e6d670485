import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BallotBatches } from "./batches";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/forms";
import { TallyTable } from "~/components/tally-table";
import { decodeCsv } from "~/domain/csv-encoding";
import { REGISTRY_PROOFS } from "~/domain/enums";
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
  voidBatch,
  voidToken,
} from "~/models/ballot.server";
import { listCommunities } from "~/models/community.server";
import { getCompetition, setRegistryProof } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { createStation, listStations } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm, readMultipart } from "~/utils/form-data.server";
import { msg, translateMessage } from "~/utils/messages";
import { idParam } from "~/utils/params";
import { qrAddress } from "~/utils/qr.server";
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
  // After a batch is voided whole, the form to issue it again comes filled in.
  const again = batches.find(
    (b) => b.id === Number(new URL(args.request.url).searchParams.get("reissue")),
  );
  return json({
    competition: {
      id,
      slug: competition.slug,
      verificationMode: competition.verificationMode,
      registryProof: competition.registryProof,
    },
    tally,
    batches,
    reissue: again
      ? {
          batchId: again.id,
          name: again.name,
          communityId: again.communityId,
          count: Math.max(1, again.issued - again.used),
        }
      : null,
    qrAddress: qrAddress(args.request, args.context.services.config.publicUrl),
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
const VoidBatchSchema = z.object({
  batchId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(1).max(200),
});
const RegistryProofSchema = z.object({
  intent: z.literal("registryProof"),
  registryProof: z.enum(REGISTRY_PROOFS, { error: msg("errors.invalidChoice") }),
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
      form = await readMultipart(
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
    // Excel on a Chinese PC saves GBK/GB18030: decode by what the bytes are.
    const { rows, errors } = parseRegistryCsv(
      decodeCsv(new Uint8Array(await file.arrayBuffer())).text,
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
      return json(
        {
          registryErrors: errors.sort((a, b) => a.line - b.line).slice(0, 50) as RegistryCsvError[],
        },
        { status: 400 },
      );
    const added = await importRegistry(db, actorOf(admin), id, resolved);
    const skipped = resolved.length - added;
    return redirectWithToast(args.context, args.request, here, {
      message: skipped ? "voting.registryImportedSkipped" : "voting.registryImported",
      values: { added, skipped },
    });
  }

  const form = await readForm(args.request);
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
  if (intent === "voidBatch") {
    const parsed = VoidBatchSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return json(
        {
          voidBatch: {
            batchId: Number(form.get("batchId")),
            reason: String(form.get("reason") ?? ""),
            error: "voting.voidBatch.reasonRequired",
          },
        },
        { status: 400 },
      );
    const result = await voidBatch(db, actorOf(admin), id, parsed.data.batchId, parsed.data.reason);
    if (result.status !== "voided")
      return redirectWithToast(args.context, args.request, here, {
        kind: "error",
        message: `voting.voidBatch.${result.status}`,
      });
    args.context.services.live.tallyChanged(id);
    return redirectWithToast(
      args.context,
      args.request,
      `${here}?reissue=${parsed.data.batchId}#generate`,
      {
        message: "voting.voidBatch.done",
        values: { name: result.batch.name, voided: result.voided, used: result.used },
      },
    );
  }
  if (intent === "registryProof") {
    const submission = parseWithZod(form, { schema: RegistryProofSchema });
    if (submission.status !== "success")
      return json({ registryProof: submission.reply() }, { status: 400 });
    await setRegistryProof(db, actorOf(admin), id, submission.value.registryProof);
    return redirectWithToast(args.context, args.request, here, {
      message: "voting.registryProof.saved",
    });
  }
  if (intent === "station") {
    const parsed = StationSchema.safeParse(Object.fromEntries(form));
    invariantResponse(parsed.success, "Bad request", { status: 400 });
    await createStation(db, actorOf(admin), { competitionId: id, ...parsed.data });
    // The tally counts stations (confirmed / all): everyone watching it gets the new total.
    args.context.services.live.tallyChanged(id);
    return redirectWithToast(args.context, args.request, here, { message: "voting.stationAdded" });
  }
  invariantResponse(false, "Bad request", { status: 400 });
}

export default function VotingAdmin() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const registryErrors =
    actionData && "registryErrors" in actionData ? actionData.registryErrors : null;
  const [proofForm, proofFields] = useForm({
    id: `registry-proof-${data.competition.id}`,
    lastResult: actionData && "registryProof" in actionData ? actionData.registryProof : undefined,
    constraint: getZodConstraint(RegistryProofSchema),
    defaultValue: { registryProof: data.competition.registryProof },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistryProofSchema }),
  });
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

      <BallotBatches
        competitionId={data.competition.id}
        batches={data.batches}
        communities={data.communities}
        canEdit={data.canEdit}
        qrAddress={data.qrAddress}
        reissue={data.reissue}
        voidBatch={actionData && "voidBatch" in actionData ? actionData.voidBatch : null}
      />

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
          <div className="space-y-2 rounded-lg border border-stone-200 p-3">
            <h3 className="font-medium">{t("voting.registryProof.title")}</h3>
            <p className="text-sm text-stone-600">{t("voting.registryProof.explain")}</p>
            {data.canEdit ? (
              <Form
                method="post"
                {...getFormProps(proofForm)}
                className="flex flex-wrap items-end gap-3"
              >
                <input type="hidden" name="intent" value="registryProof" />
                <SelectField
                  label={t("voting.registryProof.label")}
                  errors={proofFields.registryProof.errors}
                  selectProps={getSelectProps(proofFields.registryProof)}
                >
                  {REGISTRY_PROOFS.map((p) => (
                    <option key={p} value={p}>
                      {t(`voting.registryProof.${p}`)}
                    </option>
                  ))}
                </SelectField>
                <button className="btn-secondary">{t("voting.registryProof.save")}</button>
              </Form>
            ) : (
              <p className="text-sm" data-testid="registry-proof">
                {t("voting.registryProof.label")}:
                {t(`voting.registryProof.${data.competition.registryProof}`)}
              </p>
            )}
          </div>
          {data.canEdit ? (
            <Form method="post" encType="multipart/form-data" className="space-y-2">
              <p className="text-sm text-stone-600">{t("voting.registryHint")}</p>
              <div className="flex flex-wrap items-end gap-3">
                <input type="file" name="file" accept=".csv,text/csv" />
                <button className="btn-secondary">{t("needs.importCsv")}</button>
              </div>
              {registryErrors ? (
                <div
                  role="alert"
                  className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900"
                >
                  <p className="font-medium">{t("voting.registryErrors")}</p>
                  <ul className="list-disc pl-5">
                    {registryErrors.map((e, i) => (
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
