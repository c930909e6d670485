/** Competition setup rules, pure: phases, criteria, funds, budgets. */
import { COMPETITION_PHASES, type CompetitionPhase } from "./enums";
import { lineTotalFen, sumFen } from "./money";

function phaseIndex(phase: CompetitionPhase) {
  return COMPETITION_PHASES.indexOf(phase);
}

type PhaseChange =
  { ok: true; direction: "forward" | "back" } | { ok: false; refusal: "same" | "reasonRequired" };

/** Forward moves are free; moving back needs a reason (it is audited). */
export function checkPhaseChange(
  from: CompetitionPhase,
  to: CompetitionPhase,
  reason: string,
): PhaseChange {
  if (from === to) return { ok: false, refusal: "same" };
  if (phaseIndex(to) > phaseIndex(from)) return { ok: true, direction: "forward" };
  if (reason.trim().length === 0) return { ok: false, refusal: "reasonRequired" };
  return { ok: true, direction: "back" };
}

/** Criteria and their maxima can change only until the roadshow starts (scores depend on them). */
export function criteriaLocked(phase: CompetitionPhase) {
  return phaseIndex(phase) >= phaseIndex("roadshow");
}

/**
 * Polling stations can be added until voting is over: during voting is fine (a station that
 * opens late), once the competition is past voting (results, closed) the paper count is done.
 */
export function stationsClosed(phase: CompetitionPhase) {
  return phaseIndex(phase) > phaseIndex("voting");
}

interface CriterionInput {
  name: string;
  maxPoints: number;
}

type CriteriaProblem = "empty" | "sumNot100" | "duplicateName";

export function checkCriteria(criteria: CriterionInput[]): {
  sum: number;
  problems: CriteriaProblem[];
} {
  const sum = criteria.reduce((s, c) => s + c.maxPoints, 0);
  const problems: CriteriaProblem[] = [];
  if (criteria.length === 0) problems.push("empty");
  if (sum !== 100) problems.push("sumNot100");
  const names = criteria.map((c) => c.name.trim());
  if (new Set(names).size !== names.length) problems.push("duplicateName");
  return { sum, problems };
}

interface BudgetLineInput {
  quantityHundredths: number;
  unitPriceFen: number;
}

export interface FundForRequest {
  id: number;
  perProjectCapFen: number | null;
}

interface BudgetSummary {
  lineTotals: number[];
  totalFen: number;
  requestedFen: number;
  cofundingFen: number;
  /** What the community covers itself; negative when the sources exceed the budget. */
  selfFundingFen: number;
}

export function summariseBudget(input: {
  lines: BudgetLineInput[];
  requests: Array<{ amountFen: number }>;
  cofunding: Array<{ amountFen: number }>;
}): BudgetSummary {
  const lineTotals = input.lines.map((l) => lineTotalFen(l.quantityHundredths, l.unitPriceFen));
  const totalFen = sumFen(lineTotals);
  const requestedFen = sumFen(input.requests.map((r) => r.amountFen));
  const cofundingFen = sumFen(input.cofunding.map((c) => c.amountFen));
  return {
    lineTotals,
    totalFen,
    requestedFen,
    cofundingFen,
    selfFundingFen: totalFen - requestedFen - cofundingFen,
  };
}

type RequestProblem =
  { kind: "overCap"; fundId: number; capFen: number } | { kind: "overBudget"; excessFen: number };

/** Each request stays within its fund's per-project cap; together with co-funding, within the budget. */
export function checkFundRequests(
  requests: Array<{ fundId: number; amountFen: number }>,
  funds: FundForRequest[],
  summary: BudgetSummary,
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const r of requests) {
    const fund = funds.find((f) => f.id === r.fundId);
    if (fund?.perProjectCapFen != null && r.amountFen > fund.perProjectCapFen) {
      problems.push({ kind: "overCap", fundId: r.fundId, capFen: fund.perProjectCapFen });
    }
  }
  if (summary.selfFundingFen < 0)
    problems.push({ kind: "overBudget", excessFen: -summary.selfFundingFen });
  return problems;
}
