/**
 * 新一轮: what a competition's next round takes from it, with no I/O. The model
 * (app/models/next-round.server.ts) reads the last round's rows, asks these functions what the
 * new rows are, and writes them in one transaction.
 *
 * Copied: the settings (vote rule and its settings, weights, judge-score rule, verification and
 * registry proof, pitch and Q&A times, description), the criteria, the funds (with new totals),
 * the panel and its recusals, the schedule shifted by one year. Never copied: anything residents,
 * judges, clerks or the street recorded while the round ran (ballots, tokens, registry, scores,
 * the live show, stations and counts, results, objections, deliveries, comments, audit).
 *
 * Drafts: per community, last round's needs that are still not resolved become a draft proposal
 * of the new round (the title and brand of last round's project), for the secretary to edit or
 * delete.
 */
import type { FundKind, NeedStatus, ProposalStatus } from "./enums";

/** Beijing time has no daylight saving: a fixed +8 h. */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The same wall-clock time in Beijing one year later. 29 February becomes 28 February (the last
 * day of that month), never 1 March. Null stays null.
 */
export function shiftOneYear(at: Date | null): Date | null {
  if (at === null) return null;
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear() + 1;
  const month = local.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(
    year,
    month,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return new Date(shifted - BEIJING_OFFSET_MS);
}

export const SCHEDULE_FIELDS = [
  "proposalDeadline",
  "roadshowAt",
  "votingOpensAt",
  "votingClosesAt",
  "noticeStartsAt",
  "noticeEndsAt",
] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];
export type Schedule = Record<ScheduleField, Date | null>;

/** Every date of the schedule one year later (null stays null). */
export function shiftSchedule(schedule: Schedule): Schedule {
  const out = {} as Schedule;
  for (const f of SCHEDULE_FIELDS) out[f] = shiftOneYear(schedule[f]);
  return out;
}

/** A fund of the last round as the next round copies it. */
export interface SourceFund {
  kind: FundKind;
  name: string;
  totalFen: number;
  perProjectCapFen: number | null;
}

export type FundTotalProblem = "missing" | "capAboveTotal";

/**
 * The new totals (分) against last round's funds: every fund needs one, and a fund's per-project
 * cap (copied) cannot exceed its new total. Returns the problems per fund kind (none: empty).
 */
export function fundTotalProblems(
  funds: readonly SourceFund[],
  totals: Partial<Record<FundKind, number | null>>,
): Partial<Record<FundKind, FundTotalProblem>> {
  const problems: Partial<Record<FundKind, FundTotalProblem>> = {};
  for (const f of funds) {
    const total = totals[f.kind];
    if (total == null || !Number.isSafeInteger(total) || total < 0) problems[f.kind] = "missing";
    else if (f.perProjectCapFen != null && f.perProjectCapFen > total)
      problems[f.kind] = "capAboveTotal";
  }
  return problems;
}

/** The default of the form: last year + 1, round + 1, the same totals. */
export function nextRoundDefaults(source: {
  title: string;
  slug: string;
  year: number;
  round: number;
}) {
  const year = source.year + 1;
  const yearInTitle = String(source.year);
  return {
    title: source.title.includes(yearInTitle)
      ? source.title.replace(yearInTitle, String(year))
      : source.title,
    slug: source.slug.includes(yearInTitle)
      ? source.slug.replace(yearInTitle, String(year))
      : `${source.slug}-${year}`.slice(0, 63),
    year,
    round: source.round + 1,
  };
}

export interface LastRoundProposal {
  id: number;
  communityId: number;
  title: string;
  brand: string;
  status: ProposalStatus;
}

export interface DraftPlan {
  communityId: number;
  /** The last round's project it carries on. */
  fromProposalId: number;
  title: string;
  brand: string;
  needIds: number[];
}

/** Which of a community's last-round proposals gives the draft its title: accepted first. */
const PREFERENCE: Record<ProposalStatus, number> = {
  accepted: 0,
  resubmitted: 1,
  submitted: 2,
  returned: 3,
  rejected: 4,
  draft: 5,
  withdrawn: 6,
};

/**
 * The drafts of the new round: one per community whose last-round proposals answered needs that
 * are not resolved; it carries the title and brand of that community's leading proposal (accepted
 * first, then the latest) and links those needs. Communities in the order of their first need.
 */
export function planDrafts(
  proposals: readonly LastRoundProposal[],
  links: ReadonlyArray<{ proposalId: number; needId: number }>,
  needStatuses: ReadonlyMap<number, NeedStatus>,
): DraftPlan[] {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const needsOf = new Map<number, Set<number>>();
  for (const link of links) {
    const proposal = byId.get(link.proposalId);
    const status = needStatuses.get(link.needId);
    if (!proposal || status === undefined || status === "resolved") continue;
    const set = needsOf.get(proposal.communityId) ?? new Set<number>();
    set.add(link.needId);
    needsOf.set(proposal.communityId, set);
  }
  const plans: DraftPlan[] = [];
  for (const [communityId, needIds] of needsOf) {
    const lead = proposals
      .filter((p) => p.communityId === communityId)
      .sort((a, b) => PREFERENCE[a.status] - PREFERENCE[b.status] || b.id - a.id)[0]!;
    plans.push({
      communityId,
      fromProposalId: lead.id,
      title: lead.title,
      brand: lead.brand,
      needIds: [...needIds].sort((a, b) => a - b),
    });
  }
  return plans.sort((a, b) => a.communityId - b.communityId);
}
