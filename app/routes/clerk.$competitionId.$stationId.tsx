import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { PaperCountFields } from "~/components/paper-count-fields";
import { getBallot } from "~/models/ballot.server";
import { enterCount, listStations, PaperError } from "~/models/paper.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { parseCountForm } from "~/utils/paper-form";
import { idParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

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
  const values = mine
    ? {
        ballotsCast: String(mine.ballotsCast),
        invalid: String(mine.invalid),
        ...Object.fromEntries(
          ballot.projects.map((p) => [`votes-${p.id}`, String(mine.votes[String(p.id)] ?? 0)]),
        ),
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
    },
    projects: ballot.projects,
    values,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, cid, station } = await load(args);
  const form = await readForm(args.request);
  const values = Object.fromEntries(form) as Record<string, string>;
  const parsed = parseCountForm(form);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  try {
    const r = await enterCount(
      args.context.services.db,
      { ...actorOf(user), userId: user.id },
      station.id,
      parsed.count,
    );
    if (r.status === "agreed") args.context.services.broadcaster.tallyChanged(cid);
  } catch (error) {
    if (!(error instanceof PaperError)) throw error;
    const errors =
      error.refusal === "invalidCount"
        ? Object.fromEntries(
            error.problems.map((p) => [p.field, [msg(`paper.errors.${p.problem}`)]]),
          )
        : { form: [msg(`paper.errors.${error.refusal}`)] };
    return json({ errors, values }, { status: 400 });
  }
  return redirectWithToast(args.context, args.request, `/clerk/${cid}/${station.id}`, {
    message: "paper.saved",
  });
}

export default function ClerkEntry() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { errors?: Record<string, string[]>; values?: Record<string, string> } | undefined;
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
          <ErrorList errors={actionData?.errors?.form} />
        ) : (
          // Remounted when the saved count changes, so the fields show it as stored (９ → 9).
          <Form method="post" className="space-y-3" key={JSON.stringify(data.values ?? null)}>
            <PaperCountFields
              projects={data.projects}
              errors={actionData?.errors}
              values={actionData?.values ?? data.values}
            />
            <ErrorList errors={actionData?.errors?.form} />
            <button className="btn-primary w-full">{t("paper.submit")}</button>
          </Form>
        )}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
