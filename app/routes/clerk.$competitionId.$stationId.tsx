import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { countLines, PaperCountFields } from "~/components/paper-count-fields";
import { PaperRatingFields } from "~/components/paper-rating-fields";
import { RATING_LEVELS } from "~/domain/evaluation";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { ClerkCountSchema, countProblems } from "~/forms/paper-form";
import { getBallot } from "~/models/ballot.server";
import { enterCount, listStations, PaperError } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

async function load(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "clerk" });
  const { db } = args.context.services;
  const cid = idParam(args.params.competitionId);
  const station = (await listStations(db, cid)).find(
    (s) => s.id === idParam(args.params.stationId),
  );
  invariantResponse(station, "Not found", { status: 404 });
  return { user, cid, station, ballot: (await getBallot(db, cid, true))! };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, cid, station, ballot } = await load(args);
  const mine = station.reconciliation.entries.find(
    (e) => e.userId === user.id && e.kind === "entry",
  );
  // In rating mode a level nobody gave stays empty, as the clerk left it.
  const perProject = (id: number): Array<[string, string]> =>
    station.rule === "rating"
      ? RATING_LEVELS.map((level) => {
          const n = mine?.ratings?.[String(id)]?.[level - 1] ?? 0;
          return [`rating-${id}-${level}`, n ? String(n) : ""];
        })
      : [[`votes-${id}`, String(mine?.votes[String(id)] ?? 0)]];
  const values = mine
    ? {
        ballotsCast: String(mine.ballotsCast),
        invalid: String(mine.invalid),
        ...Object.fromEntries(ballot.projects.flatMap((p) => perProject(p.id))),
      }
    : undefined;
  // Only the clerk's own count is shown: the two counts must stay independent.
  return json({
    cid,
    station: {
      id: station.id,
      name: station.name,
      communityName: station.communityName,
      status: station.reconciliation.status,
      confirmed: station.confirmed,
      rule: station.rule,
    },
    projects: ballot.projects,
    values,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, cid, station } = await load(args);
  const submission = parseWithZod(await readForm(args.request), { schema: ClerkCountSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  try {
    const r = await enterCount(
      args.context.services.db,
      { ...actorOf(user), userId: user.id },
      station.id,
      submission.value.count,
    );
    if (r.status === "agreed") args.context.services.broadcaster.tallyChanged(cid);
  } catch (error) {
    if (!(error instanceof PaperError)) throw error;
    const problems =
      error.refusal === "invalidCount"
        ? countProblems(error.problems, station.rule)
        : { formErrors: [msg(`paper.errors.${error.refusal}`)] };
    return json({ result: refusal(submission, problems) }, { status: 400 });
  }
  return redirectWithToast(args.context, args.request, `/clerk/${cid}/${station.id}`, {
    message: "paper.saved",
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function CountForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `count-${data.station.id}`,
    lastResult: actionData?.result,
    defaultValue: data.values,
    // A line corrected after a refusal loses its message as it is typed.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClerkCountSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="count" />
      {data.station.rule === "rating" ? (
        <>
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {t("paper.rating.hint")}
          </p>
          <PaperRatingFields projects={data.projects} field={countLines(fields)} />
        </>
      ) : (
        <PaperCountFields projects={data.projects} field={countLines(fields)} />
      )}
      <ErrorList id={form.errorId} errors={form.errors} />
      <button className="btn-primary w-full">{t("paper.submit")}</button>
    </Form>
  );
}

export default function ClerkEntry() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-2xl space-y-4 px-4 py-6">
      <Link to={`/clerk/${data.cid}`} className="text-sm text-brand-700 underline">
        ← {t("paper.title")}
      </Link>
      <section className="card space-y-3">
        <h1 className="text-xl font-semibold">
          {data.station.name} · {data.station.communityName}
        </h1>
        <p data-testid="station-status">{t(`voting.status.${data.station.status}`)}</p>
        <p className="text-sm text-stone-500">{t("paper.otherHidden")}</p>
        {data.station.confirmed ? (
          <ErrorList errors={actionData?.result.error?.[""]} />
        ) : (
          // Remounted when the saved count changes, so the fields show it as stored (９ → 9).
          <CountForm key={JSON.stringify(data.values ?? null)} data={data} />
        )}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
