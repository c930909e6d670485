import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConnectionBadge, Countdown, lookup } from "~/live/live-ui";
import { readJson, writeJson } from "~/live/tablet-storage";
import { useLive } from "~/live/use-live";
import { useScoreOutbox } from "~/live/use-score-outbox";
import { buildSnapshot, isOnPanel } from "~/models/live.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";
import type { Snapshot } from "../../../realtime/events";
import { PitchCard } from "./pitch-card";
import { ScoreSheet, sheetTotal, type Values } from "./score-sheet";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "judge" });
  const { db } = args.context.services;
  const cid = idParam(args.params.competitionId);
  invariantResponse(await isOnPanel(db, cid, user.id), "Forbidden", { status: 403 });
  return json({
    snapshot: await buildSnapshot(db, cid, "judge", user.id),
    judgeId: user.id,
    judgeName: user.displayName,
  });
}

const draftKey = (cid: number, judgeId: number, proposalId: number) =>
  `roadshow:sheet:${cid}:${judgeId}:${proposalId}`;

export default function JudgeTablet() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const cid = data.snapshot.competition.id;
  // The socket resends a waiting sheet on every (re)connect (the outbox is declared below; the
  // callback runs only after the first render).
  const { snapshot, connected, offset, emit } = useLive(
    cid,
    "judge",
    data.snapshot,
    () => void flush(),
  );
  const { state: send, show, submit: submitSheet, flush } = useScoreOutbox(cid, data.judgeId, emit);
  const s = snapshot as Snapshot;
  const { state } = s;
  const { current } = lookup(s);
  const serverSheet = s.judge?.sheet ?? null;
  const recused = s.judge?.recused ?? false;

  // The sheet on screen: the server's copy, else this tablet's draft, else empty.
  const [values, setValues] = useState<Values>({});
  const [comment, setComment] = useState("");
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!current) return;
    const tag = `${current.id}:${serverSheet?.revision ?? 0}`;
    if (loadedFor.current === tag) return;
    loadedFor.current = tag;
    const draft = readJson<{ values: Values; comment: string }>(
      draftKey(cid, data.judgeId, current.id),
    );
    const fromServer = serverSheet
      ? Object.fromEntries(Object.entries(serverSheet.items).map(([k, v]) => [k, v]))
      : null;
    setValues(
      fromServer ??
        draft?.values ??
        Object.fromEntries(s.criteria.map((c) => [String(c.id), null])),
    );
    setComment(serverSheet?.comment ?? draft?.comment ?? "");
    show(serverSheet ? { kind: "sent", total: serverSheet.totalHalfPoints } : { kind: "idle" });
  }, [current, serverSheet, cid, data.judgeId, s.criteria, show]);

  const setValue = (criterionId: number, v: number | null) => {
    setValues((prev) => {
      const next = { ...prev, [String(criterionId)]: v };
      if (current) writeJson(draftKey(cid, data.judgeId, current.id), { values: next, comment });
      return next;
    });
  };
  const { complete } = sheetTotal(s.criteria, values);

  async function submit() {
    if (!current || !complete) return;
    await submitSheet(
      {
        competitionId: cid,
        proposalId: current.id,
        items: Object.fromEntries(s.criteria.map((c) => [String(c.id), values[String(c.id)]!])),
        comment,
      },
      serverSheet?.revision ?? 0,
    );
  }

  return (
    <main className="mx-auto max-w-7xl px-4 py-4">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-stone-500">
            {s.competition.title} · {data.judgeName}
          </p>
          <p className="text-xl font-semibold" data-testid="judge-stage">
            {state.finished
              ? t("live.finished")
              : current
                ? t(`live.stages.${state.stage}`)
                : t("live.none")}
            <Countdown state={state} offset={offset} className="ml-4 text-2xl" />
          </p>
        </div>
        <ConnectionBadge connected={connected} />
      </div>

      {current ? (
        <div className="grid gap-4 landscape:lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <PitchCard proposal={current} />
          <ScoreSheet
            criteria={s.criteria}
            values={values}
            onValue={setValue}
            comment={comment}
            onComment={setComment}
            recused={recused}
            stage={state.stage}
            serverSheet={serverSheet}
            send={send}
            onSubmit={() => void submit()}
          />
        </div>
      ) : (
        <p className="card text-lg text-stone-600">
          {state.finished ? t("live.finished") : t("live.none")}
        </p>
      )}
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "评委评分 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
