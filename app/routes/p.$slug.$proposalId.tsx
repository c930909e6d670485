import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicDelivery } from "~/components/delivery-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Distribution } from "~/components/evaluation-view";
import { ProposalBody } from "~/components/proposal-view";
import { ResourceChain } from "~/components/resources/resource-chain";
import { deliveryIdOfProposal, getDelivery } from "~/models/delivery.server";
import { publishedScoresOf } from "~/models/evaluation.server";
import { getProposalDetail } from "~/models/proposal.server";
import { proposalResources } from "~/models/resource.server";
import { idParam } from "~/utils/params";

/** Public, no login, mobile first: one accepted proposal. Anything else is "not found". */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const detail = await getProposalDetail(context.services.db, idParam(params.proposalId));
  invariantResponse(
    detail && detail.proposal.status === "accepted" && detail.competition.slug === params.slug,
    "Not found",
    {
      status: 404,
    },
  );
  const p = detail.proposal;
  const deliveryId = await deliveryIdOfProposal(context.services.db, p.id);
  return json({
    delivery: deliveryId ? await getDelivery(context.services.db, deliveryId) : null,
    competition: { slug: detail.competition.slug, title: detail.competition.title },
    community: detail.community,
    proposal: {
      id: p.id,
      title: p.title,
      brand: p.brand,
      brandId: p.brandId,
      summary: p.summary,
    },
    content: detail.content,
    needs: detail.needs,
    funds: detail.funds.map((f) => ({
      id: f.id,
      name: f.name,
      perProjectCapFen: f.perProjectCapFen,
    })),
    deck: detail.deck.map((d) => ({ id: d.id, sha256: d.sha256, mime: d.mime, name: d.name })),
    // Confirmed claims and matches linked to this project: unit, offer, value; never a contact.
    resources: await proposalResources(context.services.db, p.id),
    // 效果共评: the residents' published scores of this project's outcome.
    evaluations: await publishedScoresOf(context.services.db, p.id),
  });
}

export default function PublicProposal() {
  const { t } = useTranslation();
  const {
    competition,
    community,
    proposal,
    content,
    needs,
    funds,
    deck,
    resources,
    delivery,
    evaluations,
  } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <Link to={`/p/${competition.slug}`} className="text-base text-brand-700 underline">
        ← {t("public.back")}
      </Link>
      <header className="card">
        <p className="text-sm text-stone-500">{competition.title}</p>
        <h1 className="mt-1 text-2xl font-bold leading-snug">{proposal.title}</h1>
        <p className="mt-2 text-base">
          <span className="text-stone-500">{t("public.community")}:</span>
          {community.name}
        </p>
        {proposal.brand ? (
          <p className="text-base">
            <span className="text-stone-500">{t("public.brand")}:</span>
            {proposal.brandId != null ? (
              <Link to={`/brands/${proposal.brandId}`} className="text-brand-700 underline">
                {proposal.brand}
              </Link>
            ) : (
              <span className="text-brand-700">{proposal.brand}</span>
            )}
          </p>
        ) : null}
        <p className="text-base">
          <span className="text-stone-500">{t("proposal.fields.category")}:</span>
          {t(`categories.${content.category}`)}
        </p>
        {proposal.summary ? (
          <p className="mt-3 text-lg leading-relaxed">{proposal.summary}</p>
        ) : null}
      </header>
      {delivery ? <PublicDelivery delivery={delivery} /> : null}
      {evaluations.map((e) => (
        <section key={e.roundId} className="card border-amber-400" data-testid="evaluation-score">
          <h2 className="text-lg font-semibold">
            {t("evaluation.title")} · {e.title}
          </h2>
          <p className="mt-1 text-xl font-bold text-brand-700">
            {e.rule === "rating"
              ? t("evaluation.scoreOnProject", { mean: e.row.mean, count: e.row.count })
              : t("evaluation.approvalsOnProject", { n: e.row.approvals.total })}
          </p>
          {e.rule === "rating" ? (
            <div className="mt-2">
              <Distribution counts={e.row.distribution} />
            </div>
          ) : null}
          {e.comments.length ? (
            <ul className="mt-3 space-y-2">
              {e.comments.map((c, i) => (
                <li
                  key={i}
                  className="whitespace-pre-wrap break-words rounded-lg bg-stone-50 px-3 py-2"
                >
                  {c}
                </li>
              ))}
            </ul>
          ) : null}
          <Link to={`/p/${e.slug}/results`} className="mt-2 inline-block text-brand-700 underline">
            {t("evaluation.publicResult")} →
          </Link>
        </section>
      ))}
      <ProposalBody content={content} needs={needs} funds={funds} deck={deck} />
      <ResourceChain resources={resources} projectTitle={proposal.title} />
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.proposal.title ?? ""} · ${data?.community.name ?? ""} · 社区路演` },
  { name: "description", content: data?.proposal.summary ?? "" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
