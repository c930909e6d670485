/** The offer form (发布/编辑资源): used by a partner for its own offers and by the street. */
import {
  getCollectionProps,
  getFormProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BoundField, BoundSelect, BoundTextarea, ErrorList, SubmitRow } from "~/components/forms";
import { OFFER_STATUSES, RESOURCE_CATEGORIES } from "~/domain/enums";
import { OfferSchema } from "~/forms/resource-form";

interface OfferDefaults {
  category: string;
  title: string;
  description: string;
  capacity: string;
  status: string;
  communityIds: string[];
}

export function OfferForm({
  id,
  lastResult,
  defaultValue,
  communities,
  submitLabel,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: OfferDefaults;
  communities: Array<{ id: number; name: string }>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(OfferSchema),
    shouldRevalidate: "onInput",
    defaultValue: defaultValue ?? { status: "open", category: "convenience", communityIds: [] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3">
      <input type="hidden" name="intent" value="offer" />
      <BoundField
        className="sm:col-span-2"
        label={t("resources.offerTitle")}
        field={fields.title}
      />
      <BoundSelect
        label={t("resources.category")}
        field={fields.category}
        options={RESOURCE_CATEGORIES}
        optionLabel={(c) => t(`resources.categories.${c}`)}
      />
      <BoundTextarea
        className="sm:col-span-3"
        label={t("resources.offerDescription")}
        field={fields.description}
        rows={3}
      />
      <BoundField
        className="sm:col-span-2"
        label={t("resources.capacity")}
        hint={t("resources.capacityHint")}
        field={fields.capacity}
      />
      <BoundSelect
        label={t("resources.status")}
        field={fields.status}
        options={OFFER_STATUSES}
        optionLabel={(s) => t(`resources.offerStatuses.${s}`)}
      />
      <fieldset className="sm:col-span-3">
        <legend className="label">{t("resources.area")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {getCollectionProps(fields.communityIds, {
            type: "checkbox",
            options: communities.map((c) => String(c.id)),
          }).map((props) => {
            const { key, ...rest } = props;
            return (
              <label key={key} className="inline-flex min-h-11 items-center gap-2 text-base">
                <input {...rest} className="size-5 accent-brand-600" />
                {communities.find((c) => String(c.id) === props.value)?.name}
              </label>
            );
          })}
        </div>
        <ErrorList errors={fields.communityIds.errors} />
      </fieldset>
      <SubmitRow className="sm:col-span-3" label={submitLabel} form={form} />
    </Form>
  );
}

/** The form values of a stored offer. */
export function offerDefaults(o: {
  category: string;
  title: string;
  description: string;
  capacity: string;
  status: string;
  communityIds: number[];
}): OfferDefaults {
  return {
    category: o.category,
    title: o.title,
    description: o.description,
    capacity: o.capacity,
    status: o.status,
    communityIds: o.communityIds.map(String),
  };
}

/** The page that edits one stored offer (the partner's own, or any for the street). */
export function EditOfferPage({
  offer,
  communities,
  lastResult,
  backTo,
  backLabel,
}: {
  offer: Parameters<typeof offerDefaults>[0] & { id: number };
  communities: Array<{ id: number; name: string }>;
  lastResult?: SubmissionResult<string[]> | null;
  backTo: string;
  backLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <Link to={backTo} className="text-sm text-brand-700 underline">
        ← {backLabel}
      </Link>
      <section className="card">
        <h1 className="mb-4 text-2xl font-semibold">{t("resources.editOffer")}</h1>
        <OfferForm
          id={`offer-${offer.id}`}
          lastResult={lastResult}
          defaultValue={offerDefaults(offer)}
          communities={communities}
          submitLabel={t("resources.save")}
        />
      </section>
    </main>
  );
}
