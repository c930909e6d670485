import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FinalScreen } from "~/components/final-screen";
import { ConnectionBadge, lookup } from "~/live/live-ui";
import { useLive } from "~/live/use-live";
import { useTally } from "~/live/use-tally";
import { computeTally } from "~/models/ballot.server";
import { getCompetitionBySlug } from "~/models/competition.server";
import { buildSnapshot } from "~/models/live.server";
import { publicOrigin, qrSvg } from "~/server/qr.server";
import { EvaluationScreen } from "./evaluation";
import { HowToVote } from "./how-to-vote";
import { PitchPanel } from "./pitch-panel";
import { ballotsIn, StandingList, StandingTable, TallyPanel } from "./standing";

export const handle = { chromeless: true };

/** The big screen: public, no login, 1920×1080, readable from the back of the hall. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const { db, config } = context.services;
  const competition = await getCompetitionBySlug(db, params.slug ?? "");
  invariantResponse(competition, "Not found", { status: 404 });
  const voteUrl = `${publicOrigin(request, config.publicUrl)}/vote/${competition.slug}`;
  // The QR only where scanning it lets people vote (the registry check); with ballot cards
  // alone it would lead to a page telling them to scan their card.
  const registry = competition.verificationMode !== "token";
  return json({
    snapshot: await buildSnapshot(db, competition.id, "screen"),
    tally: await computeTally(db, competition.id),
    voteUrl,
    qr: registry ? await qrSvg(voteUrl, { margin: 1 }) : null,
    // A 效果共评 round has no live show: its screen is the residents' verdict, live.
    evaluation: competition.kind === "evaluation",
  });
}

export default function BigScreen() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { snapshot, connected, offset, socket } = useLive(
    data.snapshot.competition.id,
    "screen",
    data.snapshot,
  );
  const tally = useTally(socket, data.tally, connected);
  if (!snapshot) return null;
  if (data.evaluation && tally)
    return (
      <EvaluationScreen
        title={snapshot.competition.title}
        tally={tally}
        connected={connected}
        qr={data.qr}
        voteUrl={data.voteUrl}
      />
    );
  if (snapshot.final)
    return <FinalScreen title={snapshot.competition.title} final={snapshot.final} />;
  const { state } = snapshot;
  const { current } = lookup(snapshot);
  // Past 10 projects the standing and the vote count become one table of every project, in
  // two columns; the page tightens so 30 projects and 15 judges still fit 1920×1080 in large type.
  const many = state.order.length > 10;
  return (
    <main
      className={`flex h-dvh min-h-[720px] flex-col overflow-hidden bg-stone-950 text-white ${many ? "p-8" : "p-10"}`}
      data-testid="big-screen"
    >
      <header className="flex items-start justify-between gap-8">
        <div className={many ? "flex min-w-0 flex-wrap items-baseline gap-x-8" : ""}>
          <h1 className="text-5xl font-bold leading-tight">{snapshot.competition.title}</h1>
          <p className={`text-3xl text-amber-300 ${many ? "" : "mt-3"}`} data-testid="screen-stage">
            {state.finished
              ? t("live.finished")
              : current
                ? t(`live.stages.${state.stage}`)
                : t("live.none")}
          </p>
        </div>
        <ConnectionBadge connected={connected} />
      </header>

      <div
        className={`grid min-h-0 flex-1 ${many ? "mt-6 grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-8" : "mt-8 grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-10"}`}
      >
        <PitchPanel snapshot={snapshot} offset={offset} many={many} />
        <aside className={`flex min-h-0 flex-col ${many ? "gap-5" : "gap-6"}`}>
          {many ? (
            <StandingTable snapshot={snapshot} tally={tally} />
          ) : (
            <>
              <StandingList snapshot={snapshot} tally={tally} />
              {tally && ballotsIn(tally) > 0 ? <TallyPanel tally={tally} /> : null}
            </>
          )}
          <HowToVote qr={data.qr} voteUrl={data.voteUrl} compact={many} />
        </aside>
      </div>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.snapshot.competition.title ?? ""} · 大屏幕` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
