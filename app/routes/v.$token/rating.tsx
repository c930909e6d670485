/**
 * 效果共评 in rating mode: each project with a 1–5 control (plain radio buttons, large enough
 * for a thumb, working without JavaScript; 不评 leaves it unrated) and an optional comment. The
 * same two steps as the approval ballot: rate, then confirm.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButtons, Notice, VoteFrame } from "~/components/vote-frame";
import { RATING_LEVELS } from "~/domain/evaluation";
import { translateMessage } from "~/forms/messages";
import { CommentBox, ConfirmItem } from "./comment";
import type { EvaluationFields, PublicBallot } from "./types";

export function RatingStep({
  ballot,
  checkCode,
  initial,
  errors,
}: {
  ballot: PublicBallot;
  checkCode: string;
  initial: EvaluationFields;
  errors: string[];
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [ratings, setRatings] = useState<Record<number, number>>(() =>
    Object.fromEntries(initial.ratings.map((r) => [r.proposalId, r.rating])),
  );
  const comment = (id: number) => initial.comments.find((c) => c.proposalId === id)?.body ?? "";
  const rated = Object.values(ratings).filter((n) => n >= 1 && n <= 5).length;
  return (
    <VoteFrame title={ballot.title}>
      <p className="text-xl">{t("evaluation.ballot.intro")}</p>
      {errors.map((e) => (
        <div key={e} className="mt-4">
          <Notice tone="error">{translateMessage(t, e, { k: ballot.maxChoices })}</Notice>
        </div>
      ))}
      <Form method="post" className="mt-4" id="ballot">
        <ul className="space-y-4">
          {ballot.projects.map((p) => {
            const current = ratings[p.id];
            return (
              <li
                key={p.id}
                className={`rounded-2xl border-2 p-4 ${current ? "border-brand-700 bg-brand-50" : "border-stone-300"}`}
                data-proposal={p.id}
              >
                <p className="text-base font-semibold text-brand-700">
                  {t("vote.number", { n: p.number })} · {p.communityName}
                </p>
                <p className="text-xl font-bold leading-snug">{p.title}</p>
                {p.brand ? <p className="text-base text-stone-700">{p.brand}</p> : null}
                <p className="mt-1 text-base text-stone-800">{p.summary}</p>
                <a
                  href={`/p/${ballot.projectsSlug}/${p.id}`}
                  className="mt-1 inline-block text-base text-sky-800 underline"
                >
                  {t("vote.details")}
                </a>
                <fieldset className="mt-3">
                  <legend className="text-lg font-semibold">{t("evaluation.ballot.rating")}</legend>
                  <div className="mt-2 grid grid-cols-6 gap-1.5">
                    {RATING_LEVELS.map((n) => (
                      <label
                        key={n}
                        className={`flex min-h-14 cursor-pointer flex-col items-center justify-center rounded-xl border-2 text-xl font-bold has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-brand-300 ${current === n ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400 bg-white"}`}
                      >
                        <input
                          type="radio"
                          name={`rating.${p.id}`}
                          value={n}
                          checked={current === n}
                          onChange={() => setRatings((r) => ({ ...r, [p.id]: n }))}
                          className="sr-only"
                          aria-label={t("evaluation.starsLabel", { n })}
                        />
                        <span aria-hidden>{n}</span>
                        <span aria-hidden className="text-xs font-normal">
                          ★
                        </span>
                      </label>
                    ))}
                    <label
                      className={`flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 text-base has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-brand-300 ${current ? "border-stone-300 bg-white text-stone-600" : "border-stone-600 bg-stone-100 font-semibold"}`}
                    >
                      <input
                        type="radio"
                        name={`rating.${p.id}`}
                        value=""
                        checked={!current}
                        onChange={() =>
                          setRatings((r) => {
                            const { [p.id]: _dropped, ...rest } = r;
                            return rest;
                          })
                        }
                        className="sr-only"
                      />
                      {t("evaluation.ballot.notRated")}
                    </label>
                  </div>
                  <p className="mt-1 flex justify-between text-sm text-stone-600" aria-hidden>
                    <span>{t("evaluation.ballot.low")}</span>
                    <span>{t("evaluation.ballot.high")}</span>
                  </p>
                </fieldset>
                <CommentBox proposalId={p.id} title={p.title} initial={comment(p.id)} />
              </li>
            );
          })}
        </ul>
        <p className="mt-4 text-sm text-stone-500">{t("vote.checkCode", { code: checkCode })}</p>
        <div className="fixed inset-x-0 bottom-0 border-t-2 border-stone-900 bg-white px-4 py-3">
          <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
            <p className="text-xl font-bold" aria-live="polite" data-testid="chosen-count">
              {t("evaluation.ballot.rated", { n: rated, total: ballot.projects.length })}
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

/** Step two: the ratings and comments read back; 确认投票 or 返回修改 (both keep them). */
export function ConfirmRatings({
  ballot,
  evaluation,
}: {
  ballot: PublicBallot;
  evaluation: EvaluationFields;
}) {
  const { t } = useTranslation();
  const ratingOf = (id: number) => evaluation.ratings.find((r) => r.proposalId === id)?.rating;
  const commentOf = (id: number) => evaluation.comments.find((c) => c.proposalId === id)?.body;
  return (
    <VoteFrame title={t("vote.confirmTitle")}>
      <p className="text-xl">{t("vote.confirmBody")}</p>
      <ul className="mt-4 space-y-3" data-testid="confirm-list">
        {ballot.projects.map((p) => {
          const rating = ratingOf(p.id);
          return (
            <ConfirmItem key={p.id} project={p} given={Boolean(rating)} comment={commentOf(p.id)}>
              <span className="mt-1 block text-xl" data-testid={`rating-${p.id}`}>
                {rating
                  ? `${t("evaluation.ballot.yourRating", { n: rating })} ${"★".repeat(rating)}`
                  : t("evaluation.ballot.noRating")}
              </span>
            </ConfirmItem>
          );
        })}
      </ul>
      <Form method="post" className="mt-6 space-y-3">
        {evaluation.ratings.map((r) => (
          <input
            key={r.proposalId}
            type="hidden"
            name={`rating.${r.proposalId}`}
            value={r.rating}
          />
        ))}
        {evaluation.comments.map((c) => (
          <input key={c.proposalId} type="hidden" name={`comment.${c.proposalId}`} value={c.body} />
        ))}
        <ConfirmButtons />
      </Form>
    </VoteFrame>
  );
}
