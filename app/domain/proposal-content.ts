/**
 * What a proposal says, normalised (money in 分, quantities in hundredths), and what it must
 * say before it can be submitted. Pure.
 */
import { checkFundRequests, summariseBudget, type FundForRequest } from "./competition-rules";
import type { PartnerType, ProjectCategory } from "./enums";
import { formatYuan } from "./money";

export interface ProposalContent {
  title: string;
  brand: string;
  category: ProjectCategory;
  summary: string;
  problem: string;
  beneficiaries: string;
  beneficiaryCount: number;
  plan: string;
  team: string;
  needIds: number[];
  milestones: Array<{ title: string; dueOn: string | null; description: string }>;
  budgetLines: Array<{
    item: string;
    quantityHundredths: number;
    unit: string;
    unitPriceFen: number;
    note: string;
  }>;
  requests: Array<{ fundId: number; amountFen: number }>;
  cofunding: Array<{
    partnerName: string;
    partnerType: PartnerType;
    amountFen: number;
    inKind: string;
  }>;
}

/** Field path (as the form names it) → i18n message keys. */
export type FieldProblems = Record<string, string[]>;

function add(problems: FieldProblems, field: string, message: string) {
  (problems[field] ??= []).push(message);
}

/** Problems that do not stop saving a draft but do stop submitting it. */
export function submissionProblems(
  content: ProposalContent,
  funds: FundForRequest[],
  hasDeck: boolean,
): FieldProblems {
  const p: FieldProblems = {};
  if (!content.summary.trim()) add(p, "summary", "proposal.errors.summaryRequired");
  if (!content.problem.trim()) add(p, "problem", "proposal.errors.problemRequired");
  if (content.needIds.length === 0) add(p, "needIds", "proposal.errors.needsRequired");
  if (!content.beneficiaries.trim())
    add(p, "beneficiaries", "proposal.errors.beneficiariesRequired");
  if (content.beneficiaryCount <= 0)
    add(p, "beneficiaryCount", "proposal.errors.beneficiaryCountRequired");
  if (!content.plan.trim()) add(p, "plan", "proposal.errors.planRequired");
  if (content.milestones.length === 0) add(p, "milestones", "proposal.errors.milestonesRequired");
  if (content.budgetLines.length === 0) add(p, "budgetLines", "proposal.errors.budgetRequired");
  if (!content.team.trim()) add(p, "team", "proposal.errors.teamRequired");
  const summary = summariseBudget({
    lines: content.budgetLines,
    requests: content.requests,
    cofunding: content.cofunding,
  });
  if (summary.requestedFen <= 0) add(p, "requests", "proposal.errors.requestRequired");
  if (!hasDeck) add(p, "deck", "proposal.errors.deckRequired");
  return { ...p, ...requestProblems(content, funds) };
}

/** Caps and budget: checked on every save, since an over-cap request is never right. */
export function requestProblems(content: ProposalContent, funds: FundForRequest[]): FieldProblems {
  const p: FieldProblems = {};
  const summary = summariseBudget({
    lines: content.budgetLines,
    requests: content.requests,
    cofunding: content.cofunding,
  });
  for (const problem of checkFundRequests(content.requests, funds, summary)) {
    if (problem.kind === "overCap") {
      const i = content.requests.findIndex((r) => r.fundId === problem.fundId);
      add(
        p,
        `requests[${i}].amount`,
        `proposal.errors.overCap|${JSON.stringify({ cap: formatYuan(problem.capFen) })}`,
      );
    } else {
      add(
        p,
        "requests",
        `proposal.errors.overBudget|${JSON.stringify({ excess: formatYuan(problem.excessFen) })}`,
      );
    }
  }
  return p;
}
