/** 一社一品 for the street (street admin; observers read): each community's brands. */
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BrandStatusBadge } from "~/components/brand-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listBrands } from "~/models/brand.server";
import { requireUser } from "~/server/auth.server";

export const meta: MetaFunction = () => [{ title: "一社一品 · 社区路演" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: ["street_admin", "observer"] });
  return json({ brands: await listBrands(args.context.services.db) });
}

export default function AdminBrands() {
  const { t } = useTranslation();
  const { brands } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t("brands.title")}</h1>
      <p className="text-stone-600">{t("brands.listIntro")}</p>
      {brands.length === 0 ? (
        <p className="card text-stone-500">{t("brands.none")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-left text-base">
            <thead className="bg-stone-50 text-sm text-stone-600">
              <tr>
                <th className="px-3 py-2">{t("brands.community")}</th>
                <th className="px-3 py-2">{t("brands.title")}</th>
                <th className="px-3 py-2">{t("brands.theme")}</th>
                <th className="px-3 py-2">{t("brands.status")}</th>
                <th className="px-3 py-2 text-right">{t("brands.projects")}</th>
                <th className="px-3 py-2 text-right">{t("brands.honours")}</th>
                <th className="px-3 py-2">{t("brands.publicPage")}</th>
              </tr>
            </thead>
            <tbody>
              {brands.map((b) => (
                <tr key={b.id} className="border-t border-stone-100">
                  <td className="px-3 py-2">{b.communityName}</td>
                  <td className="px-3 py-2">
                    <Link
                      to={`/admin/brands/${b.id}`}
                      className="font-medium text-brand-700 underline"
                    >
                      {b.name}
                    </Link>
                    {b.tagline ? <p className="text-sm text-stone-500">{b.tagline}</p> : null}
                  </td>
                  <td className="px-3 py-2">{t(`brands.themes.${b.theme}`)}</td>
                  <td className="px-3 py-2">
                    <BrandStatusBadge status={b.status} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.projects}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.honours}</td>
                  <td className="px-3 py-2">
                    <Link to={`/brands/${b.id}`} className="text-brand-700 underline">
                      /brands/{b.id}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
