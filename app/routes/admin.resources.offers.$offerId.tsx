/** The street edits any unit's offer (units without a login of their own have only the street). */
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfferForm, offerDefaults } from "~/components/resources/offer-form";
import { readForm } from "~/forms/form-data.server";
import { PartnerOfferSchema } from "~/forms/resource-form";
import { listCommunities } from "~/models/community.server";
import { getOffer, updateOffer } from "~/models/resource.server";
import { requireUser } from "~/server/auth.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";
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
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: PartnerOfferSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const { intent: _, ...input } = submission.value;
  const done = await orRefusal(formData, submission, () =>
    updateOffer(args.context.services.db, user, offer.id, input),
  );
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, `/admin/resources/units/${offer.unitId}`, {
    message: "resources.offerSaved",
  });
}

export default function StreetOffer() {
  const { t } = useTranslation();
  const { offer, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <Link
        to={`/admin/resources/units/${offer.unitId}`}
        className="text-sm text-brand-700 underline"
      >
        ← {t("resources.backToUnit")}
      </Link>
      <section className="card">
        <h1 className="mb-4 text-2xl font-semibold">{t("resources.editOffer")}</h1>
        <OfferForm
          id={`offer-${offer.id}`}
          lastResult={actionData?.result}
          defaultValue={offerDefaults(offer)}
          communities={communities}
          submitLabel={t("resources.save")}
        />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
