import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getUser } from "~/server/auth.server";
import { homeFor } from "~/utils/roles";

export async function loader(args: LoaderFunctionArgs) {
  const user = await getUser(args);
  return json({ home: user ? homeFor(user.role) : null });
}

export default function Index() {
  const { t } = useTranslation();
  const { home } = useLoaderData<typeof loader>();
  const features = ["fair", "fast", "open", "audit"] as const;
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:py-16">
      <section className="rounded-2xl bg-gradient-to-br from-brand-600 to-brand-900 p-6 text-white sm:p-12">
        <p className="text-sm tracking-widest opacity-80">{t("app.tagline")}</p>
        <h1 className="mt-3 text-3xl font-bold sm:text-5xl">{t("home.landingTitle")}</h1>
        <p className="mt-4 max-w-2xl text-base leading-relaxed opacity-95 sm:text-lg">
          {t("home.landingBody")}
        </p>
        <Link to={home ?? "/login"} className="btn mt-8 bg-white text-brand-700 hover:bg-brand-50">
          {home ? t("home.goToWorkspace") : t("nav.login")}
        </Link>
      </section>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        {features.map((f) => (
          <li key={f} className="card text-stone-700">
            {t(`home.features.${f}`)}
          </li>
        ))}
      </ul>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
