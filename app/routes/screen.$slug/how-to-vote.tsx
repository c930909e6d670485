import { useTranslation } from "react-i18next";

/** How residents vote: the QR to the registry check, or a line about ballot cards. */
export function HowToVote({
  qr,
  voteUrl,
  compact,
  scanText,
  cardText,
}: {
  /** The QR as SVG markup; null when residents vote with ballot cards only. */
  qr: string | null;
  voteUrl: string;
  compact: boolean;
  /** What to do, when not the competition's vote (a 效果共评 round says its own). */
  scanText?: string;
  cardText?: string;
}) {
  const { t } = useTranslation();
  return (
    <section
      className={`flex items-center rounded-3xl bg-white text-stone-900 ${compact ? "gap-5 p-4" : "gap-6 p-6"}`}
      data-testid="how-to-vote"
    >
      {qr ? (
        <>
          <div
            className={`${compact ? "size-36" : "size-48"} shrink-0`}
            dangerouslySetInnerHTML={{ __html: qr }}
            aria-label={voteUrl}
            role="img"
            data-testid="vote-qr"
          />
          <p className="text-4xl font-bold leading-snug">{scanText ?? t("live.scanToVote")}</p>
        </>
      ) : (
        <p className="text-4xl font-bold leading-snug">{cardText ?? t("live.voteWithCard")}</p>
      )}
    </section>
  );
}
