/** 资源清单 for the street: the directory of partner units (新增), and every offer. */
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OffersTable } from "~/components/resources/offers-table";
import { UnitForm } from "~/components/resources/unit-form";
import { readForm } from "~/forms/form-data.server";
import { AdminResourcesSchema } from "~/forms/resource-form";
import { createUnit, listOffers, listUnits } from "~/models/resource.server";
import { requireUser } from "~/server/auth.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  return json({
    units: await listUnits(db),
    offers: await listOffers(db),
    canEdit: user.role === "street_admin",
  });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: AdminResourcesSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const { intent: _, ...input } = submission.value;
  const done = await orRefusal(formData, submission, () =>
    createUnit(args.context.services.db, admin, input),
  );
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, `/admin/resources/units/${done.value}`, {
    message: "resources.unitCreated",
  });
}

export default function AdminResources() {
  const { t } = useTranslation();
  const { units, offers, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("resources.title")}</h1>
        <p className="mt-1 text-stone-600">{t("resources.intro")}</p>
        <Link to="/resources/match" className="mt-2 inline-block text-brand-700 underline">
          {t("nav.match")} →
        </Link>
      </header>
      <section className="card" aria-labelledby="units">
        <h2 id="units" className="mb-3 text-xl font-semibold">
          {t("resources.units")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <thead className="text-stone-500">
              <tr>
                <th className="py-2 pr-3">{t("resources.unitName")}</th>
                <th className="py-2 pr-3">{t("resources.unitType")}</th>
                <th className="py-2 pr-3">{t("resources.offerCount")}</th>
                <th className="py-2 pr-3">{t("resources.logins")}</th>
                <th className="py-2 pr-3">{t("resources.status")}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id} className="border-t border-stone-100">
                  <td className="py-2 pr-3">
                    <Link
                      to={`/admin/resources/units/${u.id}`}
                      className="text-brand-700 underline"
                    >
                      {u.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{t(`resources.types.${u.type}`)}</td>
                  <td className="py-2 pr-3">{u.offerCount}</td>
                  <td className="py-2 pr-3">{u.loginCount}</td>
                  <td className="py-2 pr-3">
                    {u.active ? t("resources.active") : t("resources.inactive")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canEdit ? (
        <section className="card" aria-labelledby="new-unit">
          <h2 id="new-unit" className="mb-3 text-xl font-semibold">
            {t("resources.newUnit")}
          </h2>
          <UnitForm
            id="unit"
            lastResult={actionData?.formId === "unit" ? actionData.result : undefined}
            submitLabel={t("resources.create")}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="offers">
        <h2 id="offers" className="mb-3 text-xl font-semibold">
          {t("resources.allOffers")}
        </h2>
        <OffersTable offers={offers} unitHref={(id) => `/admin/resources/units/${id}`} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
