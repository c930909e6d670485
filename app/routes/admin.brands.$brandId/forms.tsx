/** The street's brand forms: the profile, 成熟 (and back), honours. */
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  BoundField,
  BoundSelect,
  BoundTextarea,
  ErrorList,
  FormCard,
  IntentForm,
} from "~/components/forms";
import { BRAND_THEMES } from "~/domain/enums";
import { HonourSchema, MatureSchema, ProfileSchema } from "~/forms/brand-form";
import { useReplyForm, useSubmitting } from "~/hooks/use-form-reply";
import type { loader } from "./route";

export function ProfileForm() {
  const { t } = useTranslation();
  const { brand } = useLoaderData<typeof loader>();
  const busy = useSubmitting("profile");
  const [form, fields] = useReplyForm("profile", ProfileSchema, {
    defaultValue: {
      theme: brand.theme,
      tagline: brand.tagline,
      governancePath: brand.governancePath,
      story: brand.story,
    },
  });
  return (
    <FormCard id="profile" title={t("brands.saveProfile")}>
      <IntentForm form={form} intent="profile" className="space-y-3">
        <BoundSelect
          label={t("brands.theme")}
          field={fields.theme}
          options={BRAND_THEMES}
          optionLabel={(v) => t(`brands.themes.${v}`)}
        />
        <BoundField label={t("brands.tagline")} field={fields.tagline} />
        <BoundTextarea label={t("brands.governancePath")} field={fields.governancePath} rows={3} />
        <BoundTextarea label={t("brands.story")} field={fields.story} rows={6} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("brands.saveProfile")}
        </button>
      </IntentForm>
    </FormCard>
  );
}

export function MatureForm() {
  const { t } = useTranslation();
  const { brand, today } = useLoaderData<typeof loader>();
  // One card, either form: its refusals (of either intent) come back as the "mature" form's.
  const [form, fields] = useReplyForm("mature", MatureSchema, {
    defaultValue: { maturedOn: today, promotedTo: "" },
  });
  if (brand.status === "mature")
    return (
      <FormCard id="growing" title={t("brands.matureSection")}>
        <p className="mb-3 text-base">
          {t("brands.maturedLine", { date: brand.maturedOn, where: brand.promotedTo || "—" })}
        </p>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="growing" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-secondary">
            {t("brands.markGrowing")}
          </button>
        </Form>
      </FormCard>
    );
  return (
    <FormCard id="mature" title={t("brands.matureSection")}>
      <IntentForm form={form} intent="mature" className="space-y-3">
        <BoundField label={t("brands.maturedOn")} field={fields.maturedOn} type="date" />
        <BoundField label={t("brands.promotedTo")} field={fields.promotedTo} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary">
          {t("brands.markMature")}
        </button>
      </IntentForm>
    </FormCard>
  );
}

export function HonourForms() {
  const { t } = useTranslation();
  const { brand } = useLoaderData<typeof loader>();
  const [form, fields] = useReplyForm("honour", HonourSchema, {
    defaultValue: { year: String(new Date().getFullYear()) },
  });
  return (
    <FormCard id="honours" title={t("brands.honours")}>
      {brand.honours.length ? (
        <ul className="mb-4 space-y-2">
          {brand.honours.map((h) => (
            <li
              key={h.id}
              className="flex items-start justify-between gap-2 rounded-lg bg-amber-50 p-2"
            >
              <span>
                <span className="font-medium">{h.title}</span>
                <span className="block text-sm text-stone-600">
                  {h.year}
                  {h.awardedBy ? ` · ${h.awardedBy}` : ""}
                </span>
              </span>
              {/* One small form per honour (no fields to validate: a refusal shows below). */}
              <Form method="post">
                <input type="hidden" name="intent" value="removeHonour" />
                <input type="hidden" name="honourId" value={h.id} />
                <button
                  type="submit"
                  className="btn-secondary text-sm"
                  aria-label={`${t("brands.removeHonour")} ${h.title}`}
                >
                  {t("brands.removeHonour")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-stone-500">{t("brands.noHonours")}</p>
      )}
      <IntentForm form={form} intent="honour" className="space-y-3">
        <BoundField label={t("brands.honourTitle")} field={fields.title} />
        <BoundField label={t("brands.awardedBy")} field={fields.awardedBy} />
        <BoundField
          label={t("brands.year")}
          field={fields.year}
          inputProps={{ inputMode: "numeric" }}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary">
          {t("brands.addHonour")}
        </button>
      </IntentForm>
    </FormCard>
  );
}
