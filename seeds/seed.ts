/**
 * Seeds the demo data. Idempotent: running it again adds what is missing and changes nothing
 * that exists (passwords in particular are never reset).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { parseQuantity, parseYuan } from "../app/domain/money";
import { submissionProblems, type ProposalContent } from "../app/domain/proposal-content";
import { appendAudit, SYSTEM_ACTOR } from "../app/models/audit.server";
import { hashPassword } from "../app/models/password.server";
import { contentHash, syncNeedStatuses, writeContent } from "../app/models/proposal.server";
import type { Db, Tx } from "../db/client";
import {
  brandHonours,
  brands,
  communities,
  competitionJudges,
  competitions,
  criteria,
  funds,
  judgeRecusals,
  needs,
  partnerUnits,
  proposals,
  resourceClaims,
  resourceOfferCommunities,
  resourceOffers,
  streets,
  users,
} from "../db/schema";
import {
  BRAND_PROFILES,
  COMMUNITIES,
  COMPETITION,
  DEMO_PASSWORD,
  JUDGES,
  PARTNER_CLAIM,
  PARTNERS,
  STAFF,
  STREET,
  secretaryUsername,
  type DemoUser,
} from "./demo-data";
import { DEMO_PROPOSALS } from "./demo-proposals";

interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
  community?: string;
}

function demoAccounts(): DemoAccount[] {
  return [
    ...STAFF.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName })),
    ...JUDGES.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName })),
    ...COMMUNITIES.map((c) => ({
      username: secretaryUsername(c.key),
      role: "secretary",
      displayName: c.secretary,
      community: c.name,
    })),
    ...PARTNERS.flatMap((p) =>
      p.login ? [{ username: p.login.username, role: "partner", displayName: p.name }] : [],
    ),
  ];
}

export async function isDatabaseEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(db: Db): Promise<{ created: number }> {
  // Hash outside the transaction: argon2 is deliberately slow.
  const wanted: Array<DemoUser & { communityKey?: string }> = [
    ...STAFF,
    ...JUDGES,
    ...COMMUNITIES.map((c) => ({
      username: secretaryUsername(c.key),
      displayName: c.secretary,
      title: `${c.name}党委书记`,
      role: "secretary" as const,
      communityKey: c.key,
    })),
  ];
  const existing = new Set(
    (
      await db
        .select({ username: users.username })
        .from(users)
        .where(
          inArray(
            users.username,
            wanted.map((u) => u.username),
          ),
        )
    ).map((r) => r.username),
  );
  const missing = wanted.filter((u) => !existing.has(u.username));
  const partnerLogins = PARTNERS.flatMap((p) => (p.login ? [p.login.username] : []));
  const partnersMissing =
    (
      await db
        .select({ username: users.username })
        .from(users)
        .where(inArray(users.username, partnerLogins))
    ).length < partnerLogins.length;
  const passwordHash = missing.length || partnersMissing ? await hashPassword(DEMO_PASSWORD) : "";

  return db.transaction(async (tx) => {
    const [street] = await tx
      .insert(streets)
      .values(STREET)
      .onConflictDoUpdate({ target: streets.name, set: { district: STREET.district } })
      .returning({ id: streets.id });
    const streetId = street!.id;

    const communityIds = new Map<string, number>();
    for (const [i, c] of COMMUNITIES.entries()) {
      const [row] = await tx
        .insert(communities)
        .values({
          streetId,
          name: c.name,
          brandName: c.brandName,
          brandTagline: c.brandTagline,
          brandDescription: c.brandDescription,
          sortOrder: i + 1,
        })
        .onConflictDoUpdate({
          target: [communities.streetId, communities.name],
          set: { sortOrder: i + 1 },
        })
        .returning({ id: communities.id });
      communityIds.set(c.key, row!.id);
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(needs)
        .where(eq(needs.communityId, row!.id))) as [{ n: number }];
      if (n === 0) {
        await tx.insert(needs).values(c.needs.map((need) => ({ ...need, communityId: row!.id })));
      }
      await seedBrand(tx, row!.id, c);
    }

    let created = 0;
    for (const u of missing) {
      await tx.insert(users).values({
        username: u.username,
        displayName: u.displayName,
        title: u.title,
        role: u.role,
        communityId: u.communityKey ? communityIds.get(u.communityKey)! : null,
        passwordHash,
      });
      created += 1;
    }

    const [competition] = await tx
      .insert(competitions)
      .values({
        streetId,
        slug: COMPETITION.slug,
        title: COMPETITION.title,
        year: COMPETITION.year,
        round: COMPETITION.round,
        description: COMPETITION.description,
        phase: "accepting",
        // The demo always looks ahead: the schedule is set from the day it is seeded.
        ...demoSchedule(new Date()),
      })
      .onConflictDoUpdate({ target: competitions.slug, set: { slug: COMPETITION.slug } })
      .returning({ id: competitions.id });
    const competitionId = competition!.id;

    await tx
      .insert(criteria)
      .values(COMPETITION.criteria.map((c, i) => ({ ...c, competitionId, position: i + 1 })))
      .onConflictDoNothing();
    await tx
      .insert(funds)
      .values(COMPETITION.funds.map((f) => ({ ...f, competitionId })))
      .onConflictDoNothing();

    const judgeRows = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(
        inArray(
          users.username,
          JUDGES.map((j) => j.username),
        ),
      );
    const judgeIds = new Map(judgeRows.map((r) => [r.username, r.id]));
    await tx
      .insert(competitionJudges)
      .values(
        JUDGES.map((j, i) => ({ competitionId, userId: judgeIds.get(j.username)!, seat: i + 1 })),
      )
      .onConflictDoNothing();
    for (const j of JUDGES) {
      for (const key of j.recusedFrom ?? []) {
        await tx
          .insert(judgeRecusals)
          .values({
            competitionId,
            judgeUserId: judgeIds.get(j.username)!,
            communityId: communityIds.get(key)!,
            reason: "与该社区存在工作或居住关系",
          })
          .onConflictDoNothing();
      }
    }

    const proposalsCreated = await seedProposals(tx, competitionId, communityIds);
    created += await seedPartners(tx, streetId, communityIds, passwordHash);

    if (created > 0 || proposalsCreated > 0) {
      await appendAudit(tx, SYSTEM_ACTOR, {
        action: "seed.demo",
        subjectType: "street",
        subjectId: streetId,
        payload: { usersCreated: created, proposalsCreated, competition: COMPETITION.slug },
      });
    }
    return { created };
  });
}

/** The community's 一社一品 brand as a row, with its profile and honours (added once). */
async function seedBrand(tx: Tx, communityId: number, c: (typeof COMMUNITIES)[number]) {
  const profile = BRAND_PROFILES[c.key];
  const [created] = await tx
    .insert(brands)
    .values({
      communityId,
      name: c.brandName,
      theme: profile?.theme ?? "other",
      tagline: c.brandTagline,
      governancePath: profile?.governancePath ?? "",
      story: c.brandDescription,
    })
    .onConflictDoNothing()
    .returning({ id: brands.id });
  // A brand that exists (seeded before, or kept by the street) is left as it is.
  if (created && profile?.honours?.length) {
    await tx
      .insert(brandHonours)
      .values(profile.honours.map((h) => ({ ...h, brandId: created.id })));
  }
}

/** Lists the demo accounts that exist, for the start-up banner. */
export async function existingDemoAccounts(db: Db) {
  const accounts = demoAccounts();
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(
      and(
        inArray(
          users.username,
          accounts.map((a) => a.username),
        ),
      ),
    );
  const have = new Set(rows.map((r) => r.username));
  return accounts.filter((a) => have.has(a.username));
}

export function formatDemoAccounts(accounts: DemoAccount[]) {
  const lines = accounts.map(
    (a) =>
      `  ${a.username.padEnd(18)} ${a.role.padEnd(13)} ${a.displayName}${a.community ? ` · ${a.community}` : ""}`,
  );
  return [`Demo accounts (password: ${DEMO_PASSWORD}):`, ...lines].join("\n");
}

/** Beijing-time day `days` after `from`, at hh:mm. */
function beijing(from: Date, days: number, hh: number, mm = 0) {
  const day = new Date(from.getTime() + 8 * 3600_000);
  return new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days, hh - 8, mm),
  );
}

function demoSchedule(now: Date) {
  return {
    proposalDeadline: beijing(now, 14, 18),
    roadshowAt: beijing(now, 21, 9, 30),
    votingOpensAt: beijing(now, 21, 9),
    votingClosesAt: beijing(now, 23, 18),
    noticeStartsAt: beijing(now, 24, 9),
    noticeEndsAt: beijing(now, 31, 18),
  };
}

function yuan(text: string) {
  const parsed = parseYuan(text);
  if (!parsed.ok) throw new Error(`demo amount ${text}: ${parsed.error}`);
  return parsed.value;
}

/** One accepted proposal per community that has none yet in the demo competition. */
/** The demo's proposals, accepted, in a competition (those a community has there are kept). */
export async function seedProposals(
  tx: Tx,
  competitionId: number,
  communityIds: Map<string, number>,
  titleOf: (title: string) => string = (title) => title,
) {
  const fundRows = await tx.select().from(funds).where(eq(funds.competitionId, competitionId));
  const street = fundRows.find((f) => f.kind === "street")!;
  const foundation = fundRows.find((f) => f.kind === "foundation")!;
  let created = 0;
  for (const demo of DEMO_PROPOSALS) {
    const communityId = communityIds.get(demo.community)!;
    const [existing] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(
        and(eq(proposals.competitionId, competitionId), eq(proposals.communityId, communityId)),
      )
      .limit(1);
    if (existing) continue;
    const community = COMMUNITIES.find((c) => c.key === demo.community)!;
    const needRows = await tx
      .select({ id: needs.id, title: needs.title })
      .from(needs)
      .where(eq(needs.communityId, communityId));
    const needIds = demo.needs
      .map((i) => needRows.find((n) => n.title === community.needs[i]?.title)?.id)
      .filter((id): id is number => id !== undefined);
    const content: ProposalContent = {
      title: titleOf(demo.title),
      brand: community.brandName,
      category: demo.category,
      summary: demo.summary,
      problem: demo.problem,
      beneficiaries: demo.beneficiaries,
      beneficiaryCount: demo.beneficiaryCount,
      plan: demo.plan,
      team: demo.team,
      needIds,
      milestones: demo.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn, description: "" })),
      budgetLines: demo.lines.map(([item, quantity, unit, price]) => {
        const q = parseQuantity(quantity);
        if (!q.ok) throw new Error(`demo quantity ${quantity}`);
        return { item, quantityHundredths: q.value, unit, unitPriceFen: yuan(price), note: "" };
      }),
      requests: [
        { fundId: street.id, amountFen: yuan(demo.street) },
        { fundId: foundation.id, amountFen: yuan(demo.foundation) },
      ],
      cofunding: demo.cofunding.map((c) => ({
        partnerName: c.partnerName,
        partnerType: c.partnerType,
        amountFen: yuan(c.amount),
        inKind: c.inKind ?? "",
      })),
    };
    const problems = submissionProblems(content, fundRows, true);
    if (Object.keys(problems).length)
      throw new Error(`demo proposal ${demo.title}: ${JSON.stringify(problems)}`);
    const now = new Date();
    const [row] = await tx
      .insert(proposals)
      .values({
        competitionId,
        communityId,
        title: titleOf(demo.title),
        status: "accepted",
        submittedAt: now,
        decidedAt: now,
        submittedContentHash: contentHash(content),
      })
      .returning({ id: proposals.id });
    await writeContent(tx, row!.id, content);
    await syncNeedStatuses(tx, needIds);
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: "proposal.seed",
      subjectType: "proposal",
      subjectId: row!.id,
      payload: { status: "accepted", contentHash: contentHash(content) },
    });
    created += 1;
  }
  return created;
}

/**
 * 资源清单: the partner units, their offers and service areas, the merchant's login, and one
 * confirmed match on 春和's proposal. Adds only what is missing. Returns the logins created.
 */
async function seedPartners(
  tx: Tx,
  streetId: number,
  communityIds: Map<string, number>,
  passwordHash: string,
) {
  let created = 0;
  const unitIds = new Map<string, number>();
  for (const p of PARTNERS) {
    const { login, offers, ...unit } = p;
    await tx
      .insert(partnerUnits)
      .values({ ...unit, streetId })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ id: partnerUnits.id })
      .from(partnerUnits)
      .where(and(eq(partnerUnits.streetId, streetId), eq(partnerUnits.name, p.name)));
    const unitId = row!.id;
    unitIds.set(p.name, unitId);
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(resourceOffers)
      .where(eq(resourceOffers.unitId, unitId))) as [{ n: number }];
    if (n === 0) {
      for (const { area, ...offer } of offers) {
        const [o] = await tx
          .insert(resourceOffers)
          .values({ ...offer, unitId })
          .returning({ id: resourceOffers.id });
        const keys = area === "*" ? [...communityIds.keys()] : area;
        await tx
          .insert(resourceOfferCommunities)
          .values(keys.map((k) => ({ offerId: o!.id, communityId: communityIds.get(k)! })));
      }
    }
    if (login && passwordHash) {
      const [u] = await tx
        .insert(users)
        .values({ ...login, title: p.name, role: "partner", partnerUnitId: unitId, passwordHash })
        .onConflictDoNothing({ target: users.username })
        .returning({ id: users.id });
      if (u) created += 1;
    }
  }

  const [claimed] = await tx.select({ id: resourceClaims.id }).from(resourceClaims).limit(1);
  if (!claimed) {
    const c = PARTNER_CLAIM;
    const unitId = unitIds.get(c.unit)!;
    const [offer] = await tx
      .select({ id: resourceOffers.id })
      .from(resourceOffers)
      .where(and(eq(resourceOffers.unitId, unitId), eq(resourceOffers.title, c.offer)));
    const communityId = communityIds.get(c.community)!;
    const [need] = await tx
      .select({ id: needs.id })
      .from(needs)
      .where(and(eq(needs.communityId, communityId), eq(needs.title, c.need)));
    const [proposal] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(eq(proposals.communityId, communityId))
      .limit(1);
    if (offer && need) {
      await tx.insert(resourceClaims).values({
        offerId: offer.id,
        unitId,
        needId: need.id,
        proposalId: proposal?.id ?? null,
        kind: "match",
        supportKind: "in_kind",
        valueFen: c.valueFen,
        note: c.note,
        status: "confirmed",
        confirmedAt: new Date(),
      });
    }
  }
  return created;
}
