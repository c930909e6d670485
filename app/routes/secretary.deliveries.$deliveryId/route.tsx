import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  DeliveryHeaderNotes,
  DeliveryLedger,
  DeliveryMilestones,
  DeliveryMoney,
  DeliveryTimeline,
} from "~/components/delivery-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { allowedActions } from "~/domain/delivery";
import { SecretaryDeliverySchema, todayInBeijing } from "~/forms/delivery-form";
import { refusal } from "~/forms/intent";
import {
  DeliveryError,
  getDelivery,
  postUpdate,
  recordSpending,
  setMilestoneDone,
} from "~/models/delivery.server";
import { PHOTO_TYPES, RECEIPT_TYPES, UploadError } from "~/models/upload.server";
import { requireUser } from "~/server/auth.server";
import {
  deliveryRefusalMessage,
  type OversizeFile,
  oversizeErrors,
  readDeliveryForm,
  storeFiles,
  uploadMessage,
} from "~/server/delivery-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";
import { MilestoneForm, SpendForm, UpdateForm } from "./forms";

/** The secretary's page of one funded project: report progress, milestones and spending. */
async function load(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const delivery = await getDelivery(args.context.services.db, idParam(args.params.deliveryId), {
    withReceipts: true,
  });
  // Another community's project is not there for this secretary.
  invariantResponse(delivery && delivery.communityId === user.communityId, "Not found", {
    status: 404,
  });
  return { user, delivery };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, delivery } = await load(args);
  return json({ delivery, allowed: allowedActions(user, delivery), today: todayInBeijing() });
}

/** The form a reply belongs to: each milestone has its own. */
function formOf(formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "milestone") return `milestone-${String(formData.get("milestoneId"))}`;
  return intent === "spend" ? "spend" : "update";
}

export async function action(args: ActionFunctionArgs) {
  const { user, delivery } = await load(args);
  const { db, config } = args.context.services;
  const here = `/secretary/deliveries/${delivery.id}`;
  let formData: FormData;
  let oversize: OversizeFile[];
  try {
    ({ formData, oversize } = await readDeliveryForm(args.request));
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return json(
      {
        form: "update",
        result: { status: "error", error: { "": [uploadMessage(error)] } } as SubmissionResult<
          string[]
        >,
      },
      { status: 400 },
    );
  }
  const submission = parseWithZod(formData, { schema: SecretaryDeliverySchema });
  const refuse = (result: SubmissionResult<string[]>) =>
    json({ form: formOf(formData), result }, { status: 400 });
  // An over-size file is refused beside its field; everything typed comes back with it.
  if (oversize.length)
    return refuse(refusal(submission, { fieldErrors: oversizeErrors(oversize) }));
  if (submission.status !== "success") return refuse(refusal(submission));
  const v = submission.value;
  try {
    if (v.intent === "update") {
      const photos = await storeFiles(config.dataDir, v.photos, PHOTO_TYPES);
      await postUpdate(db, user, delivery.id, { body: v.body, happenedOn: v.happenedOn, photos });
      return redirectWithToast(args.context, args.request, here, {
        message: "delivery.toasts.posted",
      });
    }
    if (v.intent === "milestone") {
      await setMilestoneDone(db, user, delivery.id, v.milestoneId, v.doneOn ?? null);
      return redirectWithToast(args.context, args.request, here, {
        message: "delivery.toasts.milestone",
      });
    }
    const receipts = v.receipt ? await storeFiles(config.dataDir, [v.receipt], RECEIPT_TYPES) : [];
    await recordSpending(db, user, delivery.id, {
      budgetLineId: v.budgetLineId,
      amountFen: v.amount!,
      spentOn: v.spentOn,
      description: v.description,
      receipts,
    });
    return redirectWithToast(args.context, args.request, here, {
      message: "delivery.toasts.spent",
    });
  } catch (error) {
    if (error instanceof UploadError)
      return refuse(
        refusal(submission, {
          fieldErrors: { [v.intent === "spend" ? "receipt" : "photos"]: [uploadMessage(error)] },
        }),
      );
    if (error instanceof DeliveryError)
      return refuse(
        refusal(submission, {
          ...(error.refusal === "overBudget"
            ? { fieldErrors: { amount: [deliveryRefusalMessage(error)] } }
            : { formErrors: [deliveryRefusalMessage(error)] }),
        }),
      );
    throw error;
  }
}

export default function SecretaryDelivery() {
  const { t } = useTranslation();
  const { delivery, allowed } = useLoaderData<typeof loader>();
  const canWork = allowed.includes("postUpdate");
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-3 py-4 sm:px-4 sm:py-6">
      <Link to="/secretary/deliveries" className="text-base text-brand-700 underline">
        ← {t("delivery.title")}
      </Link>
      <header className="card space-y-2">
        <p className="text-sm text-stone-500">{delivery.competitionTitle}</p>
        <h1 className="text-2xl font-bold leading-snug">{delivery.title}</h1>
        <DeliveryHeaderNotes delivery={delivery} />
        <Link
          to={`/p/${delivery.competitionSlug}/${delivery.proposalId}#delivery`}
          className="text-sm text-brand-700 underline"
        >
          {t("delivery.publicView")}
        </Link>
      </header>
      {/* Keyed by what a saved form adds: after a success it starts empty again (no second
          post by a second click); a refusal keeps what was typed. */}
      {canWork ? <UpdateForm key={`update-${delivery.updates.length}`} /> : null}
      <DeliveryMilestones
        delivery={delivery}
        action={canWork ? (m) => <MilestoneForm milestone={m} /> : undefined}
      />
      <DeliveryMoney delivery={delivery} />
      {canWork && delivery.budgetLines.length ? (
        <SpendForm key={`spend-${delivery.spending.length}`} />
      ) : null}
      <DeliveryLedger delivery={delivery} />
      <DeliveryTimeline delivery={delivery} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
