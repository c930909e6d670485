import { useTranslation } from "react-i18next";
import { formatYuan } from "~/domain/money";
import type { Snapshot } from "../../../realtime/events";

/** The pitch on stage, for the judge: who, what, how much, and links to the proposal and deck. */
export function PitchCard({ proposal }: { proposal: Snapshot["proposals"][number] }) {
  const { t } = useTranslation();
  return (
    <section className="card h-fit">
      <p className="text-stone-500">{proposal.communityName}</p>
      <h1 className="mt-1 text-2xl font-bold" data-testid="judge-title">
        {proposal.title}
      </h1>
      {proposal.brand ? <p className="text-brand-700">{proposal.brand}</p> : null}
      {proposal.summary ? <p className="mt-3 text-lg">{proposal.summary}</p> : null}
      <dl className="mt-4 grid grid-cols-2 gap-2 text-sm">
        {proposal.requested.map((r) => (
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
          href={`/proposals/${proposal.id}`}
          target="_blank"
          rel="noreferrer"
          className="btn-secondary"
        >
          {t("proposal.view")}
        </a>
        {proposal.deck.map((d) => (
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
  );
}
