/** 共建单位 home: the unit (with its own contact), its offers, and its claims. */
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClaimsList } from "~/components/resources/claims-list";
import { OfferForm } from "~/components/resources/offer-form";
import { OffersTable } from "~/components/resources/offers-table";
import { readForm } from "~/forms/form-data.server";
import { PartnerHomeSchema } from "~/forms/resource-form";
import { listCommunities } from "~/models/community.server";
import { createOffer, listClaims, listOffers, withdrawClaim } from "~/models/resource.server";
import { requirePartner } from "~/server/partner.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const { unit } = await requirePartner(args);
  const { db } = args.context.services;
  return json({
    unit,
    offers: await listOffers(db, { unitId: unit.id }),
    claims: await listClaims(db, { unitId: unit.id }),
    communities: await listCommunities(db),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, unit } = await requirePartner(args);
  const { db } = args.context.services;
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: PartnerHomeSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const v = submission.value;
  const done = await orRefusal(formData, submission, async () => {
    if (v.intent === "withdraw") await withdrawClaim(db, user, v.claimId);
    else {
      const { intent: _, ...offer } = v;
      await createOffer(db, user, unit.id, offer);
    }
  });
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, "/partner", {
    message: v.intent === "withdraw" ? "resources.withdrawnDone" : "resources.offerCreated",
  });
}

export default function PartnerHome() {
  const { t } = useTranslation();
  const { unit, offers, claims, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <header className="card">
        <p className="text-sm text-stone-500">{t("resources.myUnit")}</p>
        <h1 className="text-2xl font-semibold">{unit.name}</h1>
        <p className="text-stone-600">
          {t(`resources.types.${unit.type}`)}
          {unit.contactName ? ` · ${t("resources.contact")}:${unit.contactName}` : ""}
          {unit.contactPhone ? ` ${unit.contactPhone}` : ""}
        </p>
        <p className="mt-2 text-stone-600">{t("resources.partnerIntro")}</p>
        <Link to="/partner/needs" className="btn-primary mt-3 inline-flex">
          {t("nav.claimNeeds")}
        </Link>
      </header>
      <section className="card" aria-labelledby="offers">
        <h2 id="offers" className="mb-3 text-xl font-semibold">
          {t("nav.myOffers")}
        </h2>
        <OffersTable offers={offers} showUnit={false} editHref={(id) => `/partner/offers/${id}`} />
      </section>
      <section className="card" aria-labelledby="claims">
        <h2 id="claims" className="mb-3 text-xl font-semibold">
          {t("resources.myClaims")}
        </h2>
        <ClaimsList
          claims={claims}
          canWithdraw
          lastResult={actionData?.formId.startsWith("withdraw-") ? actionData : undefined}
        />
      </section>
      <section className="card" aria-labelledby="new-offer">
        <h2 id="new-offer" className="mb-3 text-xl font-semibold">
          {t("resources.newOffer")}
        </h2>
        <OfferForm
          id="offer"
          lastResult={actionData?.formId === "offer" ? actionData.result : undefined}
          communities={communities}
          submitLabel={t("resources.newOffer")}
        />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
