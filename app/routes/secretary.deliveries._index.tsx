import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeliveryList } from "~/components/delivery-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listDeliveries } from "~/models/delivery.server";
import { requireUser } from "~/server/auth.server";

/** 任务清单: the community's funded projects, to report progress and spending on. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  const rows = await listDeliveries(args.context.services.db, { communityId: user.communityId });
  return json({ rows });
}

export default function SecretaryDeliveries() {
  const { t } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t("delivery.title")}</h1>
      <DeliveryList rows={rows} hrefOf={(d) => `/secretary/deliveries/${d.id}`} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
