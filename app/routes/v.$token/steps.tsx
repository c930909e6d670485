/** The steps of the voting page, each a plain form that works without JavaScript. */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButtons, Notice, VoteFrame } from "~/components/vote-frame";
import { formatYuan } from "~/domain/money";
import { translateMessage } from "~/forms/messages";
import { formatDateTime } from "~/utils/datetime";
import { CommentBox, ConfirmItem } from "./comment";
import type { EvaluationFields, PublicBallot, View } from "./types";

/** Why this card cannot vote (unknown, void, not yet or no longer open, slowed down). */
export function RefusedStep({ view: v }: { view: Extract<View, { kind: "refused" }> }) {
  const { t } = useTranslation();
  return (
    <VoteFrame title={t("vote.title")}>
      <Notice tone="error">
        {t(`vote.refusals.${v.reason}`, { time: formatDateTime(v.opensAt ?? null) })}
      </Notice>
    </VoteFrame>
  );
}

/** A cast ballot: its receipt code, just now or on a later visit. */
export function ReceiptStep({ view: v }: { view: Extract<View, { kind: "receipt" }> }) {
  const { t } = useTranslation();
  return (
    <VoteFrame title={v.already ? t("vote.alreadyTitle") : t("vote.receiptTitle")}>
      <Notice tone={v.already ? "info" : "success"}>
        <p className="text-2xl font-bold">
          {v.already ? t("vote.alreadyTitle") : t("vote.receiptTitle")}
        </p>
      </Notice>
      <section className="mt-6 rounded-2xl border-2 border-stone-900 p-6 text-center">
        <p className="text-xl">{t("vote.receipt")}</p>
        <p className="mt-2 font-mono text-4xl font-bold tracking-wider" data-testid="receipt">
          {v.receipt}
        </p>
      </section>
      <p className="mt-4">{t("vote.receiptHint")}</p>
      <Link
        to={`/p/${v.slug}/receipt?code=${encodeURIComponent(v.receipt)}`}
        className="btn-secondary mt-4 w-full text-xl"
      >
        {t("vote.checkReceipt")}
      </Link>
    </VoteFrame>
  );
}

/** Step one: tick the projects (checkboxes posted as `choice`), then 下一步. */
export function ChooseStep({
  ballot,
  checkCode,
  initial,
  initialComments = [],
  errors,
}: {
  ballot: PublicBallot;
  checkCode: string;
  initial: number[];
  /** 效果共评: the comments typed so far (kept through a refusal or 返回修改). */
  initialComments?: EvaluationFields["comments"];
  /** Why the last post was refused (message keys), shown above the ballot. */
  errors: string[];
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number[]>(initial);
  const navigation = useNavigation();
  const approval = ballot.rule === "approval";
  const spent = ballot.projects
    .filter((p) => chosen.includes(p.id))
    .reduce((s, p) => s + p.requestedFen, 0);
  const full = approval && chosen.length >= ballot.maxChoices;
  const toggle = (id: number, on: boolean) =>
    setChosen((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  return (
    <VoteFrame title={ballot.title}>
      <p className="text-xl">
        {approval
          ? ballot.kind === "evaluation"
            ? t("evaluation.ballot.introApproval", { k: ballot.maxChoices })
            : t("vote.intro", { k: ballot.maxChoices })
          : t("vote.introBudget", { budget: formatYuan(ballot.voterBudgetFen ?? 0) })}
      </p>
      {errors.map((e) => (
        <div key={e} className="mt-4">
          <Notice tone="error">{translateMessage(t, e, { k: ballot.maxChoices })}</Notice>
        </div>
      ))}
      <Form method="post" className="mt-4" id="ballot">
        <ul className="space-y-3">
          {ballot.projects.map((p) => {
            const on = chosen.includes(p.id);
            const disabled =
              !on &&
              (full ||
                (!approval &&
                  ballot.voterBudgetFen !== null &&
                  spent + p.requestedFen > ballot.voterBudgetFen));
            return (
              <li
                key={p.id}
                data-proposal={p.id}
                className={`rounded-2xl border-2 ${on ? "border-brand-700 bg-brand-50" : "border-stone-300"}`}
              >
                <label className={`flex cursor-pointer gap-4 p-4 ${disabled ? "opacity-60" : ""}`}>
                  <input
                    type="checkbox"
                    name="choice"
                    value={p.id}
                    checked={on}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    disabled={disabled}
                    className="mt-1 size-8 shrink-0 accent-brand-700"
                    aria-describedby={`p-${p.id}-summary`}
                  />
                  <span className="min-w-0">
                    <span className="block text-base font-semibold text-brand-700">
                      {t("vote.number", { n: p.number })} · {p.communityName}
                    </span>
                    <span className="block text-xl font-bold leading-snug">{p.title}</span>
                    {p.brand ? (
                      <span className="block text-base text-stone-700">{p.brand}</span>
                    ) : null}
                    <span id={`p-${p.id}-summary`} className="mt-1 block text-base text-stone-800">
                      {p.summary}
                    </span>
                    {!approval ? (
                      <span className="block text-base font-semibold">
                        {t("vote.requested", { amount: formatYuan(p.requestedFen) })}
                      </span>
                    ) : null}
                    <a
                      href={`/p/${ballot.projectsSlug}/${p.id}`}
                      className="mt-1 inline-block text-base text-sky-800 underline"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {t("vote.details")}
                    </a>
                  </span>
                </label>
                {ballot.kind === "evaluation" ? (
                  <CommentBox
                    proposalId={p.id}
                    title={p.title}
                    initial={initialComments.find((c) => c.proposalId === p.id)?.body ?? ""}
                    className="-mt-2 px-4 pb-3 pl-16"
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="mt-4 text-sm text-stone-500">{t("vote.checkCode", { code: checkCode })}</p>
        <div className="fixed inset-x-0 bottom-0 border-t-2 border-stone-900 bg-white px-4 py-3">
          <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
            <p className="text-xl font-bold" aria-live="polite" data-testid="chosen-count">
              {approval
                ? t("vote.chosen", { n: chosen.length, k: ballot.maxChoices })
                : t("vote.spent", {
                    spent: formatYuan(spent),
                    budget: formatYuan(ballot.voterBudgetFen ?? 0),
                  })}
            </p>
            <button
              type="submit"
              name="intent"
              value="review"
              className="btn-primary min-h-14 px-6 text-xl"
              disabled={navigation.state !== "idle"}
            >
              {t("vote.next")}
            </button>
          </div>
        </div>
      </Form>
    </VoteFrame>
  );
}

/** Step two: the choice read back, 确认投票 (`intent=confirm`) or 返回修改 (`intent=back`). */
export function ConfirmStep({
  ballot,
  choices,
  comments = [],
}: {
  ballot: PublicBallot;
  choices: number[];
  /** 效果共评: the resident's comments, read back and sent again with the confirmation. */
  comments?: EvaluationFields["comments"];
}) {
  const { t } = useTranslation();
  const commentOf = (id: number) => comments.find((c) => c.proposalId === id)?.body;
  // The chosen projects, and those the resident only commented on.
  const shown = ballot.projects.filter((p) => choices.includes(p.id) || commentOf(p.id));
  return (
    <VoteFrame title={t("vote.confirmTitle")}>
      <p className="text-xl">{t("vote.confirmBody")}</p>
      <ul className="mt-4 space-y-3" data-testid="confirm-list">
        {shown.map((p) => {
          const chosen = choices.includes(p.id);
          return (
            <ConfirmItem key={p.id} project={p} given={chosen} comment={commentOf(p.id)}>
              {!chosen ? (
                <span className="mt-1 block text-base text-stone-600">
                  {t("evaluation.ballot.commentOnly")}
                </span>
              ) : null}
            </ConfirmItem>
          );
        })}
      </ul>
      <Form method="post" className="mt-6 space-y-3">
        {choices.map((id) => (
          <input key={id} type="hidden" name="choice" value={id} />
        ))}
        {comments.map((c) => (
          <input key={c.proposalId} type="hidden" name={`comment.${c.proposalId}`} value={c.body} />
        ))}
        <ConfirmButtons />
      </Form>
    </VoteFrame>
  );
}
