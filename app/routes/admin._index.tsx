import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatYuan } from "~/domain/money";
import { listCommunities } from "~/models/community.server";
import { getCompetitionOverview, listCompetitions } from "~/models/competition.server";
import { countUsers } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const [competitions, communities, userCount] = await Promise.all([
    listCompetitions(db),
    listCommunities(db),
    countUsers(db),
  ]);
  const overviews = await Promise.all(competitions.map((c) => getCompetitionOverview(db, c.id)));
  return json({
    user,
    competitions: overviews.filter((o) => o !== null),
    communities,
    userCount,
  });
}

export default function AdminHome() {
  const { t } = useTranslation();
  const { user, competitions, communities, userCount } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <div>
        <p className="text-sm text-stone-500">{t("admin.title")}</p>
        <h1 className="text-2xl font-semibold">{t("home.welcome", { name: user.displayName })}</h1>
      </div>
      <section className="card">
        <h2 className="mb-4 text-lg font-semibold">{t("admin.competitions")}</h2>
        {competitions.length === 0 ? (
          <p className="text-stone-500">{t("admin.noCompetitions")}</p>
        ) : null}
        <ul className="space-y-4">
          {competitions.map(({ competition, criteria, funds, judgeCount }) => (
            <li key={competition.id} className="rounded-lg border border-stone-200 p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-base font-semibold">
                  <Link
                    to={`/admin/competitions/${competition.id}`}
                    className="text-brand-700 underline"
                  >
                    {competition.title}
                  </Link>
                </h3>
                <span className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700">
                  {t(`phases.${competition.phase}`)}
                </span>
              </div>
              <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-stone-500">{t("admin.criteria")}</dt>
                  <dd>{criteria.map((c) => `${c.name} ${c.maxPoints}`).join(" · ")}</dd>
                </div>
                <div>
                  <dt className="text-stone-500">{t("admin.funds")}</dt>
                  <dd>
                    {funds.map((f) => (
                      <div key={f.id}>
                        {f.name}:{formatYuan(f.totalFen)} {t("common.yuan")}
                      </div>
                    ))}
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-500">{t("roles.judge")}</dt>
                  <dd>{judgeCount}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="card">
          <h2 className="mb-4 text-lg font-semibold">
            {t("admin.communities")} · {communities.length}
          </h2>
          <ul className="divide-y divide-stone-100 text-sm">
            {communities.map((c) => (
              <li key={c.id} className="flex justify-between gap-4 py-2">
                <span>{c.name}</span>
                <span className="text-right text-stone-500">{c.brandName}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2 className="mb-4 text-lg font-semibold">{t("admin.users")}</h2>
          <p className="text-3xl font-semibold">{userCount}</p>
          <Link to="/admin/users" className="btn-secondary mt-4">
            {t("nav.users")}
          </Link>
        </section>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
