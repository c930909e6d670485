import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listCompetitions } from "~/models/competition.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "clerk" });
  return json({ user, competitions: await listCompetitions(args.context.services.db) });
}

export default function ClerkHome() {
  const { t } = useTranslation();
  const { user, competitions } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div>
        <p className="text-sm text-stone-500">{t("clerk.title")}</p>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: user.displayName })}</h1>
      </div>
      <section className="card">
        <p className="text-stone-700">{t("clerk.body")}</p>
        <h2 className="mt-4 mb-2 text-lg font-semibold">{t("clerk.competitions")}</h2>
        <ul className="divide-y divide-stone-100">
          {competitions.map((c) => (
            <li key={c.id} className="flex justify-between gap-4 py-2">
              <Link to={`/clerk/${c.id}`} className="text-brand-700 underline">
                {c.title}
              </Link>
              <span className="text-sm text-brand-700">{t(`phases.${c.phase}`)}</span>
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
