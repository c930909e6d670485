import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { PROPOSAL_STATUSES, type ProposalStatus } from "~/domain/enums";
import { formatYuan, parseYuan } from "~/domain/money";
import { listCommunities } from "~/models/community.server";
import { getCompetition, listFunds } from "~/models/competition.server";
import { listProposals, requestedPerFund } from "~/models/proposal.server";
import { requireUser } from "~/server/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { idParam } from "~/utils/params";

const FilterSchema = z.object({
  community: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(PROPOSAL_STATUSES).optional().catch(undefined),
  min: z.string().optional().catch(undefined),
  max: z.string().optional().catch(undefined),
});

const yuanOrUndefined = (s: string | undefined) => {
  if (!s?.trim()) return undefined;
  const p = parseYuan(s);
  return p.ok ? p.value : undefined;
};

const COUNTED: ProposalStatus[] = [
  "submitted",
  "resubmitted",
  "returned",
  "accepted",
  "rejected",
  "withdrawn",
];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const filter = FilterSchema.parse(params);
  const [proposals, all, communities, funds, perFund] = await Promise.all([
    listProposals(db, {
      competitionId: id,
      communityId: filter.community,
      status: filter.status,
      excludeDrafts: true,
      minRequestedFen: yuanOrUndefined(filter.min),
      maxRequestedFen: yuanOrUndefined(filter.max),
    }),
    listProposals(db, { competitionId: id, excludeDrafts: true }),
    listCommunities(db),
    listFunds(db, id),
    requestedPerFund(db, id, ["submitted", "resubmitted", "accepted"]),
  ]);
  const counts = communities.map((c) => ({
    id: c.id,
    name: c.name,
    byStatus: Object.fromEntries(
      COUNTED.map((s) => [s, all.filter((p) => p.communityId === c.id && p.status === s).length]),
    ),
  }));
  return json({
    proposals,
    communities,
    counts,
    funds: funds.map((f) => ({
      id: f.id,
      name: f.name,
      totalFen: f.totalFen,
      requestedFen: perFund.get(f.id) ?? 0,
    })),
  });
}

export default function ReviewQueue() {
  const { t } = useTranslation();
  const { proposals, communities, counts, funds } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <section className="grid gap-4 md:grid-cols-2">
        {funds.map((f) => {
          const pct =
            f.totalFen > 0 ? Math.min(100, Math.round((f.requestedFen / f.totalFen) * 100)) : 0;
          return (
            <div key={f.id} className="card">
              <p className="text-sm text-stone-500">{t("proposal.review.perFund")}</p>
              <p className="mt-1 font-medium">{f.name}</p>
              <p className="mt-1 text-lg">
                <span
                  className={
                    f.requestedFen > f.totalFen ? "font-semibold text-red-700" : "font-semibold"
                  }
                >
                  {formatYuan(f.requestedFen)}
                </span>{" "}
                {t("funds.of")} {formatYuan(f.totalFen)} {t("common.yuan")}
              </p>
              <div className="mt-2 h-2 rounded-full bg-stone-100">
                <div
                  className={`h-2 rounded-full ${f.requestedFen > f.totalFen ? "bg-red-600" : "bg-brand-600"}`}
                  style={{ width: `${pct}%` }}
                />
              </div>
            </div>
          );
        })}
      </section>
      <section className="card">
        <h2 className="mb-3 text-lg font-semibold">{t("proposal.review.queue")}</h2>
        <Form method="get" className="mb-4 grid gap-3 sm:grid-cols-5">
          <label className="text-sm">
            <span className="label">{t("needs.community")}</span>
            <select name="community" defaultValue={params.get("community") ?? ""} className="input">
              <option value="">{t("needs.all")}</option>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="label">{t("proposal.status")}</span>
            <select name="status" defaultValue={params.get("status") ?? ""} className="input">
              <option value="">{t("needs.all")}</option>
              {PROPOSAL_STATUSES.filter((s) => s !== "draft").map((s) => (
                <option key={s} value={s}>
                  {t(`proposal.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="label">{t("proposal.review.minAmount")}</span>
            <input
              name="min"
              defaultValue={params.get("min") ?? ""}
              className="input"
              inputMode="decimal"
            />
          </label>
          <label className="text-sm">
            <span className="label">{t("proposal.review.maxAmount")}</span>
            <input
              name="max"
              defaultValue={params.get("max") ?? ""}
              className="input"
              inputMode="decimal"
            />
          </label>
          <div className="flex items-end">
            <button type="submit" className="btn-secondary w-full">
              {t("proposal.review.apply")}
            </button>
          </div>
        </Form>
        <p className="mb-2 text-sm text-stone-500">
          {t("proposal.review.count", { count: proposals.length })}
        </p>
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th>{t("proposal.fields.title")}</th>
                <th className="hidden md:table-cell">{t("needs.community")}</th>
                <th>{t("proposal.status")}</th>
                <th className="text-right">{t("proposal.review.requested")}</th>
                <th className="hidden md:table-cell">{t("proposal.review.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td className="min-w-44">
                    <Link
                      to={`/proposals/${p.id}`}
                      className="font-medium text-brand-700 underline"
                    >
                      {p.title}
                    </Link>
                    <div className="text-xs text-stone-500 md:hidden">{p.communityName}</div>
                  </td>
                  <td className="hidden whitespace-nowrap md:table-cell">{p.communityName}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums">
                    {formatYuan(p.requestedFen)}
                  </td>
                  <td className="hidden whitespace-nowrap md:table-cell">
                    {formatDateTime(p.submittedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card overflow-x-auto">
        <h2 className="mb-3 text-lg font-semibold">{t("proposal.review.perCommunity")}</h2>
        <table className="table">
          <thead>
            <tr>
              <th>{t("needs.community")}</th>
              {COUNTED.map((s) => (
                <th key={s} className="text-right">
                  {t(`proposal.statuses.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.id}>
                <td className="whitespace-nowrap">{c.name}</td>
                {COUNTED.map((s) => (
                  <td key={s} className="text-right tabular-nums">
                    {c.byStatus[s] || ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
