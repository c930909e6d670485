/**
 * 需求对接: open needs beside the offers that serve their community, same category first. The
 * street sees every community, a secretary their own; both may match (对接). Observers read.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClaimForm } from "~/components/resources/claim-form";
import { needCategories, rankOffers } from "~/domain/resources";
import { readForm } from "~/forms/form-data.server";
import { MatchPageSchema } from "~/forms/resource-form";
import { listProposals } from "~/models/proposal.server";
import { createClaim, listOffers, openNeeds } from "~/models/resource.server";
import { requireUser } from "~/server/auth.server";
import { invalid, orRefusal } from "~/server/resource-actions.server";
import { redirectWithToast } from "~/server/toast.server";

const ROLES = ["street_admin", "secretary", "observer"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ROLES });
  const { db } = args.context.services;
  const own = user.role === "secretary" ? [user.communityId ?? 0] : undefined;
  const [needs, offers, proposals] = await Promise.all([
    openNeeds(db, { communityIds: own }),
    listOffers(db, { status: "open", activeUnits: true }),
    listProposals(db, own ? { communityId: own[0] } : {}),
  ]);
  const live = proposals.filter((p) => !["withdrawn", "rejected"].includes(p.status));
  return json({
    canMatch: user.role !== "observer",
    needs: needs.map((n) => ({
      ...n,
      categories: needCategories(n),
      offers: rankOffers(offers, n).map(({ offer, fit }) => ({
        id: offer.id,
        unitName: offer.unitName,
        title: offer.title,
        category: offer.category,
        capacity: offer.capacity,
        best: fit.sameCategory,
      })),
      proposals: live
        .filter((p) => p.communityId === n.communityId)
        .map((p) => ({ id: p.id, title: p.title })),
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "secretary"] });
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: MatchPageSchema });
  if (submission.status !== "success") return invalid(formData, submission);
  const { intent: _, value, ...input } = submission.value;
  const done = await orRefusal(formData, submission, () =>
    createClaim(args.context.services.db, user, { ...input, valueFen: value }),
  );
  if (!done.ok) return done.response;
  return redirectWithToast(args.context, args.request, "/resources/match", {
    message: "resources.matched",
  });
}

export default function Match() {
  const { t } = useTranslation();
  const { needs, canMatch } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("nav.match")}</h1>
        <p className="mt-1 text-stone-600">{t("resources.matchIntro")}</p>
      </header>
      {needs.map((n) => (
        <section
          key={n.id}
          className="card grid gap-4 md:grid-cols-2"
          data-testid={`match-${n.id}`}
        >
          <div>
            <p className="text-sm text-stone-500">
              {n.community} · {t(`needs.statuses.${n.status}`)}
            </p>
            <h2 className="text-lg font-semibold">{n.title}</h2>
            {n.description ? <p className="text-stone-600">{n.description}</p> : null}
            {n.categories.length ? (
              <p className="mt-1 text-sm text-stone-500">
                {t("resources.needCategories")}:
                {n.categories.map((c) => t(`resources.categories.${c}`)).join("、")}
              </p>
            ) : null}
          </div>
          <div>
            {n.offers.length === 0 ? (
              <p className="text-stone-500">{t("resources.noFit")}</p>
            ) : (
              <ul className="space-y-1">
                {n.offers.map((o) => (
                  <li key={o.id}>
                    <span
                      className={`mr-2 rounded px-1.5 py-0.5 text-xs ${o.best ? "bg-green-100 text-green-800" : "bg-stone-100 text-stone-600"}`}
                    >
                      {o.best ? t("resources.fitBest") : t("resources.fitCommunity")}
                    </span>
                    {o.unitName} · {t(`resources.categories.${o.category}`)} · {o.title}
                    {o.capacity ? <span className="text-stone-500">({o.capacity})</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {canMatch && n.offers.length ? (
              <details className="mt-3" open={actionData?.formId === `match-${n.id}`}>
                <summary className="btn-secondary inline-flex cursor-pointer">
                  {t("resources.matchThis")}
                </summary>
                <div className="mt-3">
                  <ClaimForm
                    intent="match"
                    needId={n.id}
                    offers={n.offers.map((o) => ({
                      id: o.id,
                      label: `${o.unitName} · ${o.title}`,
                    }))}
                    proposals={n.proposals}
                    lastResult={
                      actionData?.formId === `match-${n.id}` ? actionData.result : undefined
                    }
                  />
                </div>
              </details>
            ) : null}
          </div>
        </section>
      ))}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
