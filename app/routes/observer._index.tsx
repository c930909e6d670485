import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listCompetitions } from "~/models/competition.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "observer" });
  return json({ user, competitions: await listCompetitions(args.context.services.db) });
}

export default function ObserverHome() {
  const { t } = useTranslation();
  const { user, competitions } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div>
        <p className="text-sm text-stone-500">{t("observer.title")}</p>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: user.displayName })}</h1>
      </div>
      <section className="card">
        <p className="text-stone-700">{t("observer.body")}</p>
        <ul className="mt-4 divide-y divide-stone-100">
          {competitions.map((c) => (
            <li key={c.id} className="flex justify-between gap-4 py-2">
              <span>{c.title}</span>
              <span className="text-sm text-brand-700">{t(`phases.${c.phase}`)}</span>
            </li>
          ))}
        </ul>
        <Link to="/audit" className="btn-secondary mt-4">
          {t("nav.audit")}
        </Link>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
