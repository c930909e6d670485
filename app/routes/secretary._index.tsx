import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/status-badge";
import { getCommunity } from "~/models/community.server";
import { listNeeds } from "~/models/need.server";
import { listProposals } from "~/models/proposal.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const { db } = args.context.services;
  const community = user.communityId ? await getCommunity(db, user.communityId) : null;
  const needs = community ? await listNeeds(db, { communityId: community.id }) : [];
  const proposals = community ? await listProposals(db, { communityId: community.id }) : [];
  return json({ user, community, needs, proposals });
}

export default function SecretaryHome() {
  const { t } = useTranslation();
  const { user, community, needs, proposals } = useLoaderData<typeof loader>();
  const open = needs.filter((n) => n.status === "open").length;
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div>
        <p className="text-sm text-stone-500">{t("secretary.title")}</p>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: user.displayName })}</h1>
      </div>
      {community ? (
        <section className="card">
          <p className="text-sm text-stone-500">{t("secretary.community")}</p>
          <h2 className="text-xl font-semibold" data-testid="community-name">
            {community.name}
          </h2>
          <p className="mt-2 text-brand-700">
            {t("secretary.brand")}:{community.brandName}
          </p>
          {community.brandTagline ? (
            <p className="text-stone-600">{community.brandTagline}</p>
          ) : null}
        </section>
      ) : (
        <p className="card">{t("secretary.noCommunity")}</p>
      )}
      <section className="card">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">{t("proposal.mine")}</h2>
          <Link to="/secretary/proposals" className="text-sm text-brand-700 underline">
            {t("proposal.create")}
          </Link>
        </div>
        {proposals.length === 0 ? <p className="text-stone-500">{t("proposal.none")}</p> : null}
        <ul className="divide-y divide-stone-100">
          {proposals.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
              <Link to={`/secretary/proposals/${p.id}`} className="text-brand-700 underline">
                {p.title}
              </Link>
              <StatusBadge status={p.status} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">
            <Link to="/secretary/needs" className="hover:underline">
              {t("secretary.needs")}
            </Link>
          </h2>
          <span className="text-sm text-stone-500">
            {t("secretary.openNeeds")}:{open}
          </span>
        </div>
        <ul className="divide-y divide-stone-100">
          {needs.map((n) => (
            <li key={n.id} className="flex justify-between gap-4 py-2 text-sm">
              <span>{n.title}</span>
              <span className="shrink-0 text-stone-500">
                {t("secretary.raisedBy", { count: n.raisedCount })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
