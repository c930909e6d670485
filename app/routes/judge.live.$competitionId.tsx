import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatHalfPoints } from "~/domain/judge-scoring";
import { formatYuan } from "~/domain/money";
import { ConnectionBadge, Countdown, lookup } from "~/live/live-ui";
import { readJson, writeJson } from "~/live/tablet-storage";
import { useLive } from "~/live/use-live";
import { useScoreOutbox } from "~/live/use-score-outbox";
import { buildSnapshot, isOnPanel } from "~/models/live.server";
import { requireUser } from "~/utils/auth.server";
import { idParam } from "~/utils/params";
import type { Snapshot } from "../../realtime/events";

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

type Values = Record<string, number | null>;

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
  const scoring = state.stage === "scoring" && current !== null;
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
  const complete = s.criteria.every((c) => typeof values[String(c.id)] === "number");
  const total = s.criteria.reduce((sum, c) => sum + (values[String(c.id)] ?? 0), 0);

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
          <section className="card h-fit">
            <p className="text-stone-500">{current.communityName}</p>
            <h1 className="mt-1 text-2xl font-bold" data-testid="judge-title">
              {current.title}
            </h1>
            {current.brand ? <p className="text-brand-700">{current.brand}</p> : null}
            {current.summary ? <p className="mt-3 text-lg">{current.summary}</p> : null}
            <dl className="mt-4 grid grid-cols-2 gap-2 text-sm">
              {current.requested.map((r) => (
                <div key={r.fundName} className="rounded-lg bg-stone-50 p-2">
                  <dt className="text-stone-500">{r.fundName}</dt>
                  <dd className="font-semibold tabular-nums">
                    {formatYuan(r.amountFen)} {t("common.yuan")}
                  </dd>
                </div>
              ))}
            </dl>
            <div className="mt-4 flex flex-wrap gap-2">
              <a
                href={`/proposals/${current.id}`}
                target="_blank"
                rel="noreferrer"
                className="btn-secondary"
              >
                {t("proposal.view")}
              </a>
              {current.deck.map((d) => (
                <a
                  key={d.sha256}
                  href={`/files/${d.sha256}`}
                  target="_blank"
                  rel="noreferrer"
                  className="btn-secondary"
                >
                  {d.name}
                </a>
              ))}
            </div>
          </section>

          <section className="card" aria-labelledby="sheet-title">
            <h2 id="sheet-title" className="text-lg font-semibold">
              {t("live.sheet.title")}
            </h2>
            {recused ? (
              <div className="mt-4 rounded-xl bg-stone-100 p-8 text-center" data-testid="recused">
                <p className="text-5xl font-bold text-stone-700">{t("live.sheet.recused")}</p>
                <p className="mt-3 text-stone-600">{t("live.sheet.recusedBody")}</p>
              </div>
            ) : (
              <>
                <fieldset disabled={!scoring} className="mt-3 space-y-3">
                  {s.criteria.map((c) => {
                    const v = values[String(c.id)] ?? null;
                    const max = c.maxPoints * 2;
                    return (
                      <div
                        key={c.id}
                        className="rounded-xl border border-stone-200 p-3"
                        data-testid={`criterion-${c.id}`}
                      >
                        <div className="flex items-baseline justify-between gap-2">
                          <span className="font-medium">{c.name}</span>
                          <span className="text-sm text-stone-500">
                            {t("live.sheet.max", { max: c.maxPoints })}
                          </span>
                        </div>
                        <div className="mt-2 flex items-center gap-3">
                          <button
                            type="button"
                            className="btn-secondary size-14 shrink-0 p-0 text-2xl"
                            aria-label={`${c.name} −0.5`}
                            onClick={() => setValue(c.id, Math.max(0, (v ?? 0) - 1))}
                          >
                            −
                          </button>
                          <input
                            type="range"
                            min={0}
                            max={max}
                            step={1}
                            value={v ?? 0}
                            aria-label={c.name}
                            aria-valuetext={
                              v === null ? t("live.sheet.unscored") : formatHalfPoints(v)
                            }
                            onChange={(e) => setValue(c.id, Number(e.target.value))}
                            className="h-12 min-w-0 flex-1 accent-brand-600"
                          />
                          <button
                            type="button"
                            className="btn-secondary size-14 shrink-0 p-0 text-2xl"
                            aria-label={`${c.name} +0.5`}
                            onClick={() => setValue(c.id, Math.min(max, (v ?? 0) + 1))}
                          >
                            +
                          </button>
                          <output
                            className="w-16 shrink-0 text-right text-3xl font-bold tabular-nums"
                            data-testid={`value-${c.id}`}
                          >
                            {v === null ? t("live.sheet.unscored") : formatHalfPoints(v)}
                          </output>
                        </div>
                      </div>
                    );
                  })}
                  <label className="block">
                    <span className="label">{t("live.sheet.comment")}</span>
                    <textarea
                      className="input"
                      rows={2}
                      maxLength={1000}
                      value={comment}
                      onChange={(e) => setComment(e.target.value)}
                    />
                  </label>
                </fieldset>
                <div className="sticky bottom-0 mt-4 flex flex-wrap items-center justify-between gap-3 bg-white py-3">
                  <p className="text-2xl font-bold">
                    {t("live.sheet.total")}{" "}
                    <span className="tabular-nums" data-testid="sheet-total">
                      {formatHalfPoints(total)}
                    </span>
                  </p>
                  {scoring ? (
                    <button
                      type="button"
                      className="btn-primary min-h-14 px-8 text-xl"
                      disabled={!complete || send.kind === "sending"}
                      onClick={() => void submit()}
                    >
                      {send.kind === "sent" ? t("live.sheet.resubmit") : t("live.sheet.submit")}
                    </button>
                  ) : null}
                </div>
                <p
                  className="min-h-6 text-base"
                  role="status"
                  aria-live="polite"
                  data-testid="sheet-status"
                >
                  {!scoring &&
                  (state.stage === "closed" || state.stage === "revealed") &&
                  serverSheet
                    ? t("live.sheet.locked", {
                        total: formatHalfPoints(serverSheet.totalHalfPoints),
                      })
                    : !scoring && (state.stage === "closed" || state.stage === "revealed")
                      ? t("live.sheet.closedMissing")
                      : !scoring
                        ? t("live.sheet.notYet")
                        : send.kind === "sent"
                          ? t(send.total === total ? "live.sheet.sent" : "live.sheet.changed", {
                              total: formatHalfPoints(send.total),
                            })
                          : send.kind === "stale"
                            ? t("live.sheet.stale", { total: formatHalfPoints(send.total) })
                            : send.kind === "pending"
                              ? t("live.sheet.pending")
                              : send.kind === "sending"
                                ? t("live.sheet.sending")
                                : send.kind === "error"
                                  ? t(`live.refusals.${send.code}` as "live.refusals.server", {
                                      defaultValue: t("live.refusals.server"),
                                    })
                                  : complete
                                    ? ""
                                    : t("live.sheet.incomplete")}
                </p>
              </>
            )}
          </section>
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
