import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, TextareaField } from "~/components/forms";
import { countLines, PaperCountFields } from "~/components/paper-count-fields";
import { PaperRatingFields, RatingSheet } from "~/components/paper-rating-fields";
import { resolutionDraft } from "~/domain/paper-count";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { countField, countProblems, ResolveCountSchema } from "~/forms/paper-form";
import { getBallot } from "~/models/ballot.server";
import { listStations, PaperError, resolveCount } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

async function load(args: LoaderFunctionArgs) {
  const { db } = args.context.services;
  const cid = idParam(args.params.competitionId);
  const sid = idParam(args.params.stationId);
  const station = (await listStations(db, cid)).find((s) => s.id === sid);
  invariantResponse(station, "Not found", { status: 404 });
  const ballot = (await getBallot(db, cid, true))!;
  return { cid, station, ballot };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { station, ballot } = await load(args);
  // A resolution starts from what both clerks agree on; the differing lines offer both entries.
  const draft =
    station.reconciliation.status === "mismatch"
      ? resolutionDraft(
          station.reconciliation.entries,
          ballot.projects.map((p) => p.id),
          station.rule,
        )
      : null;
  const values: Record<string, string> = {};
  const alternatives: Record<string, [number, number]> = {};
  for (const [line, d] of Object.entries(draft ?? {})) {
    if ("agreed" in d) values[countField(line, station.rule)] = String(d.agreed);
    else alternatives[countField(line, station.rule)] = d.entries;
  }
  return json({
    station,
    projects: ballot.projects,
    canResolve: user.role === "street_admin",
    values,
    alternatives,
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { cid, station } = await load(args);
  const submission = parseWithZod(await readForm(args.request), { schema: ResolveCountSchema });
  // Without JavaScript, 采用第 N 份录入 posts the form back (Conform's `update` intent) to fill
  // that line in: answered with the form as typed plus that line.
  if (submission.status === undefined) return json({ result: submission.reply() });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  try {
    await resolveCount(
      args.context.services.db,
      { ...actorOf(admin), userId: admin.id },
      station.id,
      submission.value.count,
      submission.value.reason,
    );
  } catch (error) {
    if (!(error instanceof PaperError)) throw error;
    const problems =
      error.refusal === "invalidCount"
        ? countProblems(error.problems, station.rule)
        : { formErrors: [msg(`paper.errors.${error.refusal}`)] };
    return json({ result: refusal(submission, problems) }, { status: 400 });
  }
  args.context.services.broadcaster.tallyChanged(cid);
  return redirectWithToast(args.context, args.request, `/admin/competitions/${cid}/voting`, {
    message: "paper.resolved",
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ResolutionForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `resolve-${data.station.id}`,
    lastResult: actionData?.result,
    defaultValue: { ...data.values, reason: "" },
    // A line corrected after a refusal loses its message as it is typed.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResolveCountSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <input type="hidden" name="intent" value="resolve" />
      <h2 className="text-lg font-semibold">{t("paper.resolution")}</h2>
      <p className="text-sm text-stone-600">{t("paper.resolutionHint")}</p>
      {data.station.rule === "rating" ? (
        <PaperRatingFields
          projects={data.projects}
          field={countLines(fields)}
          alternatives={data.alternatives}
          adoptButton={(name, value) => form.update.getButtonProps({ name, value })}
        />
      ) : (
        <PaperCountFields
          projects={data.projects}
          field={countLines(fields)}
          alternatives={data.alternatives}
          adoptButton={(name, value) => form.update.getButtonProps({ name, value })}
        />
      )}
      <TextareaField
        label={t("voting.reason")}
        errors={fields.reason.errors}
        textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
      />
      <ErrorList id={form.errorId} errors={form.errors} />
      <button className="btn-primary">{t("voting.resolve")}</button>
    </Form>
  );
}

export default function StationPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { station, projects, canResolve } = data;
  const r = station.reconciliation;
  const label = (line: string) => {
    if (line === "ballotsCast") return t("paper.ballotsCast");
    if (line === "invalid") return t("paper.invalid");
    // "<id>" (approval) or "<id>:<level>" (rating mode).
    const [id, level] = line.split(":");
    const p = projects.find((x) => String(x.id) === id);
    if (!p) return line;
    return level
      ? t("paper.rating.line", { n: p.number, community: p.communityName, level })
      : t("paper.votesFor", { n: p.number, community: p.communityName });
  };
  return (
    <div className="space-y-4">
      <Link to="../../voting" relative="path" className="text-sm text-brand-700 underline">
        ← {t("voting.tab")}
      </Link>
      <section className="card">
        <h2 className="text-lg font-semibold">
          {station.name} · {station.communityName}
        </h2>
        <p className="mt-1">{t(`voting.status.${r.status}`)}</p>
        {r.status === "mismatch" ? (
          <table className="table mt-3" data-testid="diff">
            <thead>
              <tr>
                <th>{t("paper.line")}</th>
                <th className="text-right">{t("paper.entry", { n: 1 })}</th>
                <th className="text-right">{t("paper.entry", { n: 2 })}</th>
              </tr>
            </thead>
            <tbody>
              {r.diff.map((d) => (
                <tr key={d.line}>
                  <td>{label(d.line)}</td>
                  {d.values.map((v, i) => (
                    <td key={i} className="text-right font-semibold tabular-nums text-red-700">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {"result" in r && station.rule === "rating" ? (
          <>
            <p className="mt-3 text-sm">
              {t("paper.ballotsCast")}:{r.result.ballotsCast} · {t("paper.invalid")}:
              {r.result.invalid}
            </p>
            <RatingSheet projects={projects} ratings={r.result.ratings ?? {}} />
          </>
        ) : "result" in r ? (
          <ul className="mt-3 text-sm">
            <li>
              {t("paper.ballotsCast")}:{r.result.ballotsCast} · {t("paper.invalid")}:
              {r.result.invalid}
            </li>
            {projects.map((p) => (
              <li key={p.id}>
                {t("paper.votesFor", { n: p.number, community: p.communityName })}:
                {r.result.votes[String(p.id)] ?? 0}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {canResolve && r.status === "mismatch" ? <ResolutionForm data={data} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
