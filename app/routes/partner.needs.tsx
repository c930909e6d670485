/** 认领: the open needs in the unit's service area, each with a claim form (best offers first). */
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClaimForm } from "~/components/resources/claim-form";
import { rankOffers } from "~/domain/resources";
import { readForm } from "~/forms/form-data.server";
import { PartnerNeedsSchema } from "~/forms/resource-form";
import { claimableNeeds, createClaim, listClaims } from "~/models/resource.server";
import { requirePartner } from "~/server/partner.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const { unit } = await requirePartner(args);
  const { db } = args.context.services;
  const { offers, needs } = await claimableNeeds(db, unit.id);
  const mine = await listClaims(db, { unitId: unit.id, status: ["proposed", "confirmed"] });
  return json({
    needs: needs.map((n) => ({
      ...n,
      offers: rankOffers(offers, n).map(({ offer, fit }) => ({
        id: offer.id,
        label: `${offer.title}${fit.sameCategory ? " ★" : ""}`,
      })),
      claimedWith: mine.filter((c) => c.needId === n.id).map((c) => c.offerTitle),
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user } = await requirePartner(args);
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: PartnerNeedsSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const { intent: _, value, ...input } = submission.value;
  const done = await orRefusal(formData, submission, () =>
    createClaim(args.context.services.db, user, { ...input, valueFen: value }),
  );
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, "/partner", {
    message: "resources.claimed",
  });
}

export default function PartnerNeeds() {
  const { t } = useTranslation();
  const { needs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t("resources.inArea")}</h1>
      {needs.length === 0 ? <p className="text-stone-500">{t("resources.noNeeds")}</p> : null}
      {needs.map((n) => (
        <section key={n.id} className="card" data-testid={`need-${n.id}`}>
          <p className="text-sm text-stone-500">
            {n.community} · {t(`needs.statuses.${n.status}`)} · {t("needs.raisedCount")}{" "}
            {n.raisedCount}
          </p>
          <h2 className="text-lg font-semibold">{n.title}</h2>
          {n.description ? <p className="text-stone-600">{n.description}</p> : null}
          {n.claimedWith.length ? (
            <p className="mt-1 text-sm text-green-700">
              {t("resources.myClaims")}:{n.claimedWith.join("、")}
            </p>
          ) : null}
          <details className="mt-3" open={actionData?.formId === `claim-${n.id}`}>
            <summary className="btn-secondary inline-flex cursor-pointer">
              {t("resources.claimThis")}
            </summary>
            <div className="mt-3">
              <ClaimForm
                intent="claim"
                needId={n.id}
                offers={n.offers}
                lastResult={actionData?.formId === `claim-${n.id}` ? actionData.result : undefined}
              />
            </div>
          </details>
        </section>
      ))}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
