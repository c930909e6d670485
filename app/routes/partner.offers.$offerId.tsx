/** A partner edits one of its own offers (another unit's offer is "not found"). */
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EditOfferPage } from "~/components/resources/offer-form";
import { listCommunities } from "~/models/community.server";
import { getOffer } from "~/models/resource.server";
import { requirePartner } from "~/server/partner.server";
import { saveOfferAction } from "~/server/resource-actions.server";
import { idParam } from "~/utils/params";

async function ownOffer(args: LoaderFunctionArgs) {
  const { user, unit } = await requirePartner(args);
  const offer = await getOffer(args.context.services.db, idParam(args.params.offerId));
  invariantResponse(offer && offer.unitId === unit.id, "Not found", { status: 404 });
  return { user, offer };
}

export async function loader(args: LoaderFunctionArgs) {
  const { offer } = await ownOffer(args);
  return json({ offer, communities: await listCommunities(args.context.services.db) });
}

export async function action(args: ActionFunctionArgs) {
  const { user, offer } = await ownOffer(args);
  return saveOfferAction(args, user, offer.id, "/partner");
}

export default function PartnerOffer() {
  const { t } = useTranslation();
  const { offer, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <EditOfferPage
      offer={offer}
      communities={communities}
      lastResult={actionData?.result}
      backTo="/partner"
      backLabel={t("nav.myOffers")}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
