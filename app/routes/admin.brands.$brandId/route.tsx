/**
 * One 一社一品 brand for the street: its profile (theme, tagline, 治理路径, story), 成熟 with the
 * day and where it was promoted (and back), honours added and removed, and its rounds as the
 * street sees them (unpublished ones too). Observers read; the other roles are refused.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BrandProfile, BrandRounds, BrandStatusBadge, HonoursList } from "~/components/brand-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BrandPageSchema } from "~/forms/brand-form";
import { todayInBeijing } from "~/forms/delivery-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import {
  addHonour,
  BrandError,
  brandHistory,
  getBrand,
  markGrowing,
  markMature,
  removeHonour,
  updateBrand,
} from "~/models/brand.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";
import { HonourForms, MatureForm, ProfileForm } from "./forms";

const FORMS = ["profile", "mature", "growing", "honour", "removeHonour"];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.brandId);
  const brand = await getBrand(db, id);
  invariantResponse(brand, "Not found", { status: 404 });
  return json(
    {
      brand,
      rounds: await brandHistory(db, id, { public: false }),
      canEdit: user.role === "street_admin",
      today: todayInBeijing(),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.brandId);
  invariantResponse(await getBrand(db, id), "Not found", { status: 404 });
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  // The form a refusal is shown beside: removing an honour answers in the honours' card, going
  // back to 培育中 in the 成熟 card (one card, either form).
  const form = !FORMS.includes(intent)
    ? "profile"
    : intent === "removeHonour"
      ? "honour"
      : intent === "growing"
        ? "mature"
        : intent;
  const submission = parseWithZod(formData, { schema: BrandPageSchema });
  const refuse = (result: SubmissionResult<string[]>) => json({ form, result }, { status: 400 });
  if (submission.status !== "success") return refuse(refusal(submission));
  const v = submission.value;
  const actor = actorOf(admin);
  const here = `/admin/brands/${id}`;
  try {
    switch (v.intent) {
      case "profile": {
        const { intent: _, ...profile } = v;
        await updateBrand(db, actor, id, profile);
        return redirectWithToast(args.context, args.request, here, { message: "brands.saved" });
      }
      case "mature":
        await markMature(db, actor, id, { maturedOn: v.maturedOn, promotedTo: v.promotedTo });
        return redirectWithToast(args.context, args.request, here, { message: "brands.matured" });
      case "growing":
        await markGrowing(db, actor, id);
        return redirectWithToast(args.context, args.request, here, { message: "brands.grown" });
      case "honour":
        await addHonour(db, actor, id, {
          title: v.title,
          awardedBy: v.awardedBy,
          year: v.year,
        });
        return redirectWithToast(args.context, args.request, here, {
          message: "brands.honourAdded",
        });
      case "removeHonour":
        await removeHonour(db, actor, id, v.honourId);
        return redirectWithToast(args.context, args.request, here, {
          message: "brands.honourRemoved",
        });
    }
  } catch (error) {
    if (!(error instanceof BrandError)) throw error;
    return refuse(refusal(submission, { formErrors: [msg(`brands.errors.${error.code}`)] }));
  }
}

export default function AdminBrand() {
  const { t } = useTranslation();
  const { brand, rounds, canEdit } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <Link to="/admin/brands" className="text-sm text-brand-700 underline">
        ← {t("brands.back")}
      </Link>
      <header className="space-y-1">
        <p className="text-sm text-stone-500">{brand.communityName}</p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {brand.name} <BrandStatusBadge status={brand.status} />
        </h1>
        <Link to={`/brands/${brand.id}`} className="text-sm text-brand-700 underline">
          {t("brands.publicPage")}
        </Link>
      </header>
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-4">
          {canEdit ? null : (
            <section className="card">
              <BrandProfile brand={brand} />
            </section>
          )}
          <section className="card" aria-labelledby="rounds-title">
            <h2 id="rounds-title" className="mb-3 text-xl font-semibold">
              {t("brands.rounds")}
            </h2>
            <BrandRounds rounds={rounds} />
          </section>
          {canEdit ? null : (
            <section className="card">
              <h2 className="mb-3 text-xl font-semibold">{t("brands.honours")}</h2>
              <HonoursList honours={brand.honours} />
              <p className="mt-3 text-sm text-stone-600">{t("brands.readOnly")}</p>
            </section>
          )}
        </div>
        {canEdit ? (
          <aside className="order-first space-y-4 lg:order-none">
            <ProfileForm key={`profile-${JSON.stringify(brand)}`} />
            <MatureForm key={`mature-${brand.status}`} />
            <HonourForms key={`honours-${brand.honours.length}`} />
          </aside>
        ) : null}
      </div>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.brand.name ?? ""} · 一社一品 · 社区路演` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
