/**
 * 效果共评: the optional comment on one project (both modes), folded away until opened; a plain
 * textarea posted as `comment.<id>`, so it works without JavaScript. At most COMMENT_MAX
 * characters (the server checks again), published only once the street approves it.
 */
import { useTranslation } from "react-i18next";
import { COMMENT_MAX } from "~/domain/evaluation";

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
