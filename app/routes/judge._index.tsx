import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listJudgeAssignments, listJudgeProposals } from "~/models/competition.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "judge" });
  const { db } = args.context.services;
  const [assignments, proposals] = await Promise.all([
    listJudgeAssignments(db, user.id),
    listJudgeProposals(db, user.id),
  ]);
  return json({ user, assignments, proposals });
}

export default function JudgeHome() {
  const { t } = useTranslation();
  const { user, assignments, proposals } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div>
        <p className="text-sm text-stone-500">{t("judge.title")}</p>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: user.displayName })}</h1>
      </div>
      <section className="card">
        <h2 className="mb-3 text-lg font-semibold">{t("judge.assigned")}</h2>
        {assignments.length === 0 ? <p className="text-stone-500">{t("judge.none")}</p> : null}
        <ul className="space-y-3">
          {assignments.map((a) => (
            <li key={a.id} className="rounded-lg border border-stone-200 p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{a.title}</span>
                <span className="text-sm text-brand-700">{t(`phases.${a.phase}`)}</span>
              </div>
              <Link to={`/judge/live/${a.id}`} className="btn-primary mt-3">
                {t("live.tablet")}
              </Link>
              <ul className="mt-3 divide-y divide-stone-100 text-sm">
                {proposals
                  .filter((p) => p.competitionId === a.id)
                  .map((p) => (
                    <li key={p.id} className="flex justify-between gap-3 py-2">
                      <Link to={`/proposals/${p.id}`} className="text-brand-700 underline">
                        {p.title}
                      </Link>
                      <span className="shrink-0 text-stone-500">
                        {p.communityName}
                        {p.recused ? ` · ${t("judge.recusedMark")}` : ""}
                      </span>
                    </li>
                  ))}
              </ul>
              {a.recusedFrom.length ? (
                <p className="mt-2 text-sm text-stone-600">
                  {t("judge.recusals")}:{a.recusedFrom.join("、")}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
