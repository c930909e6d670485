import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCompetition } from "~/models/competition.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const competition = await getCompetition(
    args.context.services.db,
    idParam(args.params.competitionId),
  );
  invariantResponse(competition, "Not found", { status: 404 });
  const evaluates = competition.evaluatesCompetitionId
    ? await getCompetition(args.context.services.db, competition.evaluatesCompetitionId)
    : null;
  return json({
    competition,
    evaluates: evaluates ? { id: evaluates.id, title: evaluates.title } : null,
    canEdit: user.role === "street_admin",
  });
}

const TABS = [
  { to: "", key: "settings" },
  { to: "criteria", key: "criteria" },
  { to: "funds", key: "funds" },
  { to: "judges", key: "judges" },
  { to: "proposals", key: "proposals" },
  { to: "live", key: "live" },
  { to: "voting", key: "voting" },
  { to: "results", key: "results" },
  { to: "deliveries", key: "deliveries" },
  { to: "next-round", key: "nextRound" },
] as const;

/** A 效果共评 round has no judges, criteria, funds, review or live show: its own tabs. */
const EVALUATION_TABS = [
  { to: "", key: "settings" },
  { to: "voting", key: "voting" },
  { to: "comments", key: "comments" },
  { to: "evaluation", key: "evaluation" },
] as const;

export default function CompetitionLayout() {
  const { t } = useTranslation();
  const { competition, evaluates, canEdit } = useLoaderData<typeof loader>();
  const tabList = competition.kind === "evaluation" ? EVALUATION_TABS : TABS;
  // On a phone the tabs scroll sideways: the current one is brought into view.
  const tabs = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const nav = tabs.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    const left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
    nav.scrollLeft += left - (nav.clientWidth - current.clientWidth) / 2;
  }, [pathname]);
  return (
    <main className="mx-auto max-w-6xl px-4 py-6 print:max-w-none print:p-0">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3 print:hidden">
        <div>
          <Link to="/admin/competitions" className="text-sm text-brand-700 underline">
            ← {t("competition.list")}
          </Link>
          <h1 className="mt-1 text-2xl font-semibold">{competition.title}</h1>
          <p className="text-sm text-stone-500">
            {t("competition.phase")}:{t(`phases.${competition.phase}`)} ·{" "}
            <Link to={`/p/${competition.slug}`} className="underline">
              {t("competition.publicPage")}
            </Link>
          </p>
          {evaluates ? (
            <p className="text-sm text-stone-500">
              {t("evaluation.title")} ·{" "}
              <Link to={`/admin/competitions/${evaluates.id}/results`} className="underline">
                {t("evaluation.evaluates", { title: evaluates.title })}
              </Link>
            </p>
          ) : null}
        </div>
      </div>
      {canEdit ? null : (
        <p className="mb-4 rounded-lg bg-sky-50 px-4 py-2 text-sm text-sky-900 print:hidden">
          {t("competition.readOnly")}
        </p>
      )}
      <nav
        ref={tabs}
        className="mb-6 flex gap-1 overflow-x-auto border-b border-stone-200 print:hidden"
        aria-label={competition.title}
      >
        {tabList.map((tab) => (
          <NavLink
            key={tab.key}
            to={tab.to}
            // A tab stays marked on its own pages (a delivery of 任务清单); settings only on its own.
            end={tab.to === ""}
            className={({ isActive }) =>
              `-mb-px whitespace-nowrap border-b-2 px-4 py-2 text-sm font-medium ${
                isActive
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-stone-600 hover:text-stone-900"
              }`
            }
          >
            {t(`competition.tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
