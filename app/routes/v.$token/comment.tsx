/**
 * 效果共评: the optional comment on one project (both modes), folded away until opened; a plain
 * textarea posted as `comment.<id>`, so it works without JavaScript. At most COMMENT_MAX
 * characters (the server checks again), published only once the street approves it.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { COMMENT_MAX } from "~/domain/evaluation";
import type { PublicBallot } from "./types";

export function CommentBox({
  proposalId,
  title,
  initial,
  className = "mt-3",
}: {
  proposalId: number;
  title: string;
  /** What was typed before (a refusal or 返回修改 keeps it); open when not empty. */
  initial: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <details className={className} open={initial !== ""}>
      <summary className="min-h-11 cursor-pointer py-2 text-base text-sky-800 underline">
        {t("evaluation.ballot.comment")}
      </summary>
      <textarea
        name={`comment.${proposalId}`}
        defaultValue={initial}
        maxLength={COMMENT_MAX}
        rows={3}
        aria-label={`${t("evaluation.ballot.comment")} · ${title}`}
        className="input mt-1 text-lg"
      />
    </details>
  );
}

/**
 * One project on the confirmation step (both modes): highlighted when it got the resident's
 * tick or rating, with what they gave it (`children`) and their comment read back.
 */
export function ConfirmItem({
  project: p,
  given,
  comment,
  children,
}: {
  project: PublicBallot["projects"][number];
  given: boolean;
  comment: string | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={`rounded-2xl border-2 p-4 ${given ? "border-brand-700 bg-brand-50" : "border-stone-300"}`}
    >
      <span className="block text-base font-semibold text-brand-700">
        {t("vote.number", { n: p.number })} · {p.communityName}
      </span>
      <span className="block text-xl font-bold">{p.title}</span>
      {children}
      {comment ? (
        <span className="mt-1 block whitespace-pre-wrap break-words text-base text-stone-700">
          {t("evaluation.ballot.yourComment", { text: comment })}
        </span>
      ) : null}
    </li>
  );
}
