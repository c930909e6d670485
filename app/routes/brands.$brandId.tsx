/**
 * Public, no login, phone first: one 一社一品 brand and every round of it with a published
 * result (projects, scores, money per fund, delivery, 效果共评). No contacts, no people.
 */
import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BrandProfile, BrandRounds, HonoursList } from "~/components/brand-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { brandHistory, getBrand } from "~/models/brand.server";
import { idParam } from "~/utils/params";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const id = idParam(params.brandId);
  const brand = await getBrand(db, id);
  invariantResponse(brand, "Not found", { status: 404 });
  return json({ brand, rounds: await brandHistory(db, id, { public: true }) });
}

export default function PublicBrand() {
  const { t } = useTranslation();
  const { brand, rounds } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <header className="card space-y-3">
        <p className="text-sm text-stone-500">
          {t("brands.title")} · {brand.communityName}
        </p>
        <h1 className="text-2xl font-bold leading-snug">{brand.name}</h1>
        <BrandProfile brand={brand} />
      </header>
      <section className="card" aria-labelledby="honours-title">
        <h2 id="honours-title" className="mb-3 text-xl font-semibold">
          {t("brands.honours")}
        </h2>
        <HonoursList honours={brand.honours} />
      </section>
      <section className="card" aria-labelledby="rounds-title">
        <h2 id="rounds-title" className="mb-3 text-xl font-semibold">
          {t("brands.rounds")}
        </h2>
        <BrandRounds rounds={rounds} projectHref={(r, id) => `/p/${r.slug}/${id}`} />
      </section>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.brand.name ?? ""} · ${data?.brand.communityName ?? ""} · 社区路演` },
  { name: "description", content: data?.brand.tagline ?? "" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
