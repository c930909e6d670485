/** The street edits any unit's offer (units without a login of their own have only the street). */
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EditOfferPage } from "~/components/resources/offer-form";
import { listCommunities } from "~/models/community.server";
import { getOffer } from "~/models/resource.server";
import { requireUser } from "~/server/auth.server";
import { saveOfferAction } from "~/server/resource-actions.server";
import { idParam } from "~/utils/params";

async function streetOffer(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "street_admin" });
  const offer = await getOffer(args.context.services.db, idParam(args.params.offerId));
  invariantResponse(offer, "Not found", { status: 404 });
  return { user, offer };
}

export async function loader(args: LoaderFunctionArgs) {
  const { offer } = await streetOffer(args);
  return json({ offer, communities: await listCommunities(args.context.services.db) });
}

export async function action(args: ActionFunctionArgs) {
  const { user, offer } = await streetOffer(args);
  return saveOfferAction(args, user, offer.id, `/admin/resources/units/${offer.unitId}`);
}

export default function StreetOffer() {
  const { t } = useTranslation();
  const { offer, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <EditOfferPage
      offer={offer}
      communities={communities}
      lastResult={actionData?.result}
      backTo={`/admin/resources/units/${offer.unitId}`}
      backLabel={t("resources.backToUnit")}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
