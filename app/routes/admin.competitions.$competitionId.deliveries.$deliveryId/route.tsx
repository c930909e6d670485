import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeliveryHeaderNotes, DeliveryView } from "~/components/delivery-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { allowedActions } from "~/domain/delivery";
import { formatYuan } from "~/domain/money";
import { StreetDeliverySchema, todayInBeijing } from "~/forms/delivery-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import {
  DeliveryError,
  disburse,
  flagDelivery,
  getDelivery,
  markDone,
  terminateDelivery,
} from "~/models/delivery.server";
import { requireUser } from "~/server/auth.server";
import { deliveryRefusalMessage } from "~/server/delivery-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";
import { DoneForm, FlagForms, PayForm, TerminateForm } from "./forms";

/** The street's page of one delivery: pay tranches per fund, flag, terminate, mark done. */
async function load(args: LoaderFunctionArgs, roles: Array<"street_admin" | "observer">) {
  const user = await requireUser(args, { role: roles });
  const competitionId = idParam(args.params.competitionId);
  const delivery = await getDelivery(args.context.services.db, idParam(args.params.deliveryId), {
    withReceipts: true,
  });
  invariantResponse(delivery && delivery.competitionId === competitionId, "Not found", {
    status: 404,
  });
  return { user, delivery };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, delivery } = await load(args, ["street_admin", "observer"]);
  return json({ delivery, allowed: allowedActions(user, delivery), today: todayInBeijing() });
}

export async function action(args: ActionFunctionArgs) {
  const { user, delivery } = await load(args, ["street_admin"]);
  const { db } = args.context.services;
  const here = `/admin/competitions/${delivery.competitionId}/deliveries/${delivery.id}`;
  const formData = await readForm(args.request);
  const form = String(formData.get("intent") ?? "pay");
  const submission = parseWithZod(formData, { schema: StreetDeliverySchema });
  const refuse = (result: SubmissionResult<string[]>) =>
    json(
      { form: ["flag", "terminate", "done"].includes(form) ? form : "pay", result },
      { status: 400 },
    );
  if (submission.status !== "success") return refuse(refusal(submission));
  const v = submission.value;
  const done = (message: Parameters<typeof redirectWithToast>[3]) =>
    redirectWithToast(args.context, args.request, here, message);
  try {
    switch (v.intent) {
      case "pay":
        await disburse(db, user, delivery.id, {
          fundId: v.fundId,
          amountFen: v.amount!,
          paidOn: v.paidOn,
          note: v.note,
        });
        return done({ message: "delivery.toasts.paid", values: { amount: formatYuan(v.amount!) } });
      case "flag":
        await flagDelivery(db, user, delivery.id, v.flag, v.note);
        return done({ message: "delivery.toasts.flagged" });
      case "terminate":
        await terminateDelivery(db, user, delivery.id, v.reason);
        return done({ message: "delivery.toasts.terminated" });
      case "done":
        await markDone(db, user, delivery.id);
        return done({ message: "delivery.toasts.done" });
    }
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const message = deliveryRefusalMessage(error);
    return refuse(
      refusal(
        submission,
        error.refusal === "overGrant" || error.refusal === "amountPositive"
          ? { fieldErrors: { amount: [message] } }
          : { formErrors: [message] },
      ),
    );
  }
}

export default function StreetDelivery() {
  const { t } = useTranslation();
  const { delivery, allowed } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <Link to=".." relative="path" className="text-sm text-brand-700 underline">
        ← {t("delivery.title")}
      </Link>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{delivery.title}</h2>
        <p className="text-sm text-stone-500">
          {delivery.communityName} ·{" "}
          <Link
            to={`/p/${delivery.competitionSlug}/${delivery.proposalId}#delivery`}
            className="underline"
          >
            {t("delivery.publicView")}
          </Link>
        </p>
        <DeliveryHeaderNotes delivery={delivery} />
      </header>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <DeliveryView delivery={delivery} status={false} />
        {/* On a phone the street's forms come first, the reading below them. */}
        <aside className="order-first space-y-4 lg:order-none">
          {/* Keyed by what a saved form changes: after a success it starts empty again (a
              tranche typed once is never sent twice by a second click); a refusal keeps it. */}
          {allowed.includes("disburse") ? (
            <PayForm key={`pay-${delivery.disbursements.length}`} />
          ) : null}
          {allowed.includes("flagRisk") ? (
            <FlagForms key={`flag-${delivery.status}-${delivery.atRisk}`} />
          ) : null}
          {allowed.includes("markDone") ? <DoneForm /> : null}
          {allowed.includes("terminate") ? <TerminateForm /> : null}
          {allowed.length === 0 ? (
            <p className="card text-sm text-stone-600">{t("delivery.readOnly")}</p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
