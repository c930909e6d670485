/** A proposal as people read it: used by the street, judges, observers and the public page. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { summariseBudget } from "~/domain/competition-rules";
import type { NeedSource, NeedStatus, PartnerType } from "~/domain/enums";
import { formatQuantity, formatYuan } from "~/domain/money";
import type { ProposalContent } from "~/domain/proposal-content";
import { formatDate } from "~/utils/datetime";

interface ViewNeed {
  id: number;
  title: string;
  description: string;
  source: NeedSource;
  raisedCount: number;
  status: NeedStatus;
}

interface ViewFund {
  id: number;
  name: string;
  perProjectCapFen: number | null;
}

interface ViewDeckFile {
  id: number;
  sha256: string;
  mime: string;
  name: string;
}

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" id={id}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Paragraphs({ text }: { text: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return <p className="text-stone-400">{t("common.none")}</p>;
  return (
    <div className="space-y-2 leading-relaxed">
      {text.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  );
}

export function NeedsList({ needs }: { needs: ViewNeed[] }) {
  const { t } = useTranslation();
  if (needs.length === 0) return <p className="text-stone-400">{t("common.none")}</p>;
  return (
    <ul className="space-y-3">
      {needs.map((n) => (
        <li key={n.id} className="rounded-lg bg-stone-50 p-3">
          <p className="font-medium">{n.title}</p>
          {n.description ? <p className="mt-1 text-sm text-stone-600">{n.description}</p> : null}
          <p className="mt-1 text-xs text-stone-500">
            {t(`needs.sources.${n.source}`)} · {t("secretary.raisedBy", { count: n.raisedCount })} ·{" "}
            {t(`needs.statuses.${n.status}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function BudgetTable({ content }: { content: ProposalContent }) {
  const { t } = useTranslation();
  const summary = summariseBudget({
    lines: content.budgetLines,
    requests: content.requests,
    cofunding: content.cofunding,
  });
  return (
    <div className="overflow-x-auto">
      <table className="table">
        <thead>
          <tr>
            <th>{t("proposal.line.item")}</th>
            <th className="text-right">{t("proposal.line.quantity")}</th>
            <th className="text-right">{t("proposal.line.unitPrice")}</th>
            <th className="text-right">{t("proposal.line.total")}</th>
          </tr>
        </thead>
        <tbody>
          {content.budgetLines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.item}
                {l.note ? <div className="text-xs text-stone-500">{l.note}</div> : null}
              </td>
              <td className="whitespace-nowrap text-right tabular-nums">
                {formatQuantity(l.quantityHundredths)} {l.unit}
              </td>
              <td className="text-right tabular-nums">{formatYuan(l.unitPriceFen)}</td>
              <td className="text-right tabular-nums">{formatYuan(summary.lineTotals[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <td colSpan={3} className="px-3 py-2">
              {t("proposal.summaryBox.total")}
            </td>
            <td className="px-3 py-2 text-right tabular-nums" data-testid="budget-total">
              {formatYuan(summary.totalFen)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function FundingSummary({ content, funds }: { content: ProposalContent; funds: ViewFund[] }) {
  const { t } = useTranslation();
  const summary = summariseBudget({
    lines: content.budgetLines,
    requests: content.requests,
    cofunding: content.cofunding,
  });
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {funds.map((f) => (
        <div key={f.id} className="rounded-lg bg-brand-50 p-3">
          <dt className="text-sm text-brand-900">{f.name}</dt>
          <dd className="text-xl font-semibold tabular-nums text-brand-700">
            {formatYuan(content.requests.find((r) => r.fundId === f.id)?.amountFen ?? 0)}{" "}
            {t("common.yuan")}
          </dd>
        </div>
      ))}
      <div className="rounded-lg bg-stone-50 p-3">
        <dt className="text-sm text-stone-600">{t("proposal.summaryBox.cofunding")}</dt>
        <dd className="text-lg font-semibold tabular-nums">{formatYuan(summary.cofundingFen)}</dd>
      </div>
      <div className="rounded-lg bg-stone-50 p-3">
        <dt className="text-sm text-stone-600">{t("proposal.summaryBox.self")}</dt>
        <dd className="text-lg font-semibold tabular-nums">{formatYuan(summary.selfFundingFen)}</dd>
      </div>
    </dl>
  );
}

export function DeckViewer({ files }: { files: ViewDeckFile[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return <p className="text-stone-400">{t("proposal.deck.none")}</p>;
  const pdf = files.find((f) => f.mime === "application/pdf");
  if (pdf) {
    return (
      <div className="space-y-2">
        <iframe
          src={`/files/${pdf.sha256}`}
          title={pdf.name}
          className="hidden h-[70vh] w-full rounded-lg border border-stone-200 md:block"
        />
        <a href={`/files/${pdf.sha256}`} target="_blank" rel="noreferrer" className="btn-secondary">
          {pdf.name} · {t("proposal.deck.open")}
        </a>
      </div>
    );
  }
  return (
    <ol className="space-y-3">
      {files.map((f, i) => (
        <li key={f.id}>
          <img
            src={`/files/${f.sha256}`}
            alt={t("proposal.deck.slide", { n: i + 1 })}
            loading="lazy"
            className="w-full rounded-lg border border-stone-200"
          />
        </li>
      ))}
    </ol>
  );
}

export function ProposalBody({
  content,
  needs,
  funds,
  deck,
  cofundingTypes = true,
  needsAside = false,
}: {
  content: ProposalContent;
  needs: ViewNeed[];
  funds: ViewFund[];
  deck: ViewDeckFile[];
  cofundingTypes?: boolean;
  /** The needs are shown beside the proposal (review), not inside it. */
  needsAside?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <Section title={t("proposal.fields.problem")} id="problem">
        <Paragraphs text={content.problem} />
      </Section>
      {needsAside ? null : (
        <Section title={t("proposal.sections.needs")} id="needs">
          <NeedsList needs={needs} />
        </Section>
      )}
      <Section title={t("proposal.sections.beneficiaries")} id="beneficiaries">
        <Paragraphs text={content.beneficiaries} />
        <p className="mt-2 text-sm text-stone-600">
          {t("proposal.fields.beneficiaryCount")}:{content.beneficiaryCount}
        </p>
      </Section>
      <Section title={t("proposal.sections.plan")} id="plan">
        <Paragraphs text={content.plan} />
        {content.milestones.length ? (
          <ol className="mt-4 space-y-2 border-l-2 border-brand-100 pl-4">
            {content.milestones.map((m, i) => (
              <li key={i}>
                <span className="font-medium">{m.title}</span>
                <span className="ml-2 text-sm text-stone-500">
                  {m.dueOn ? formatDate(`${m.dueOn}T00:00:00+08:00`) : ""}
                </span>
                {m.description ? <p className="text-sm text-stone-600">{m.description}</p> : null}
              </li>
            ))}
          </ol>
        ) : null}
      </Section>
      <Section title={t("proposal.sections.budget")} id="budget">
        <BudgetTable content={content} />
      </Section>
      <Section title={t("proposal.sections.funding")} id="funding">
        <FundingSummary content={content} funds={funds} />
        {content.cofunding.length ? (
          <ul className="mt-4 divide-y divide-stone-100 text-sm">
            {content.cofunding.map((c, i) => (
              <li key={i} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {c.partnerName}
                  {cofundingTypes ? (
                    <span className="ml-2 text-stone-500">
                      {t(`proposal.partnerTypes.${c.partnerType as PartnerType}`)}
                    </span>
                  ) : null}
                  {c.inKind ? <span className="ml-2 text-stone-500">· {c.inKind}</span> : null}
                </span>
                <span className="tabular-nums">{formatYuan(c.amountFen)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section title={t("proposal.sections.team")} id="team">
        <Paragraphs text={content.team} />
      </Section>
      <Section title={t("proposal.sections.deck")} id="deck">
        <DeckViewer files={deck} />
      </Section>
    </div>
  );
}
