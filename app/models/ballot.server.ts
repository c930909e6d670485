/**
 * Resident voting on the database: ballot tokens, casting a ballot, the resident registry and
 * the tally. One token (or registry entry) gives exactly one ballot: the token's "used" mark and
 * a sealed envelope holding the ballot are written by one statement, and a retry with the same
 * token returns the same receipt (derived from the token with a server key). The envelope
 * becomes a ballot later, in a shuffled batch (ballot-box.server.ts), so nothing links the ballot
 * to the token.
 */
import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import {
  ballotBatches,
  ballotEnvelopes,
  ballotTokens,
  communities,
  competitions,
  liveSessions,
  registryEntries,
  stationResultRatings,
  stationResults,
  stationResultVotes,
  pollingStations,
} from "../../db/schema";
import { checkBallot, MAX_BATCH, numberBallot, type BallotProblem } from "../domain/ballot";
import type { CompetitionKind, CompetitionPhase, VoteRule } from "../domain/enums";
import {
  addDistributions,
  checkComments,
  checkRatings,
  emptyDistribution,
  ratingScore,
  type Distribution,
  type EvaluationComment,
} from "../domain/evaluation";
import { maskName, maskPhone, matchKey } from "../domain/registry";
import { appendAudit, type Actor } from "./audit.server";
import {
  ballotKey,
  onlineCounts,
  openText,
  receiptHashCounted,
  sealText,
  sealEnvelope,
  type BallotKey,
} from "./ballot-box.server";
import { acceptedProposals } from "./proposal.server";
import { getSecret } from "./secrets.server";

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const HUMAN = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function humanCode(bytes: Buffer, length: number) {
  let out = "";
  for (let i = 0; i < length; i++) out += HUMAN[bytes[i]! % HUMAN.length];
  return out;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest();

export function tokenHash(token: string) {
  return sha256(token).toString("hex");
}

/** The short code printed on a card next to its QR code. */
export function checkCodeOf(token: string) {
  return humanCode(sha256(`check:${token}`), 6);
}

/** Characters of the code typed instead of scanning: 12 of 31 ≈ 59 bits. */
const TYPED_CODE_LENGTH = 12;

/** A fresh typeable code, shown as XXXX-XXXX-XXXX. */
function newTypedCode() {
  const bytes = randomBytes(TYPED_CODE_LENGTH * 2);
  let out = "";
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  for (let i = 0; i < bytes.length && out.length < TYPED_CODE_LENGTH; i++)
    if (bytes[i]! < 248) out += HUMAN[bytes[i]! % HUMAN.length];
  while (out.length < TYPED_CODE_LENGTH) out += HUMAN[randomInt(HUMAN.length)];
  return out.match(/.{4}/g)!.join("-");
}

/** What a resident typed, normalised: full-width and lower case accepted, separators ignored. */
function normaliseTypedCode(input: string) {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

function typedCodeHash(code: string) {
  return sha256(`typed:${normaliseTypedCode(code)}`).toString("hex");
}

/** The token a typed code leads to (cards issued since typed codes exist), or null. */
export async function tokenForTypedCode(db: Db, code: string): Promise<string | null> {
  const normal = normaliseTypedCode(code);
  if (normal.length !== TYPED_CODE_LENGTH) return null;
  const [row] = await db
    .select({ sealed: ballotTokens.sealedToken })
    .from(ballotTokens)
    .where(eq(ballotTokens.typedCodeHash, typedCodeHash(normal)))
    .limit(1);
  return row?.sealed ? openText(db, row.sealed) : null;
}

/**
 * A ballot token: the competition's id, a dot, and 160 random bits (URL-safe). The id lets the
 * hot path check the ballot without a lookup; a forged id matches no stored hash.
 */
function newToken(competitionId: number) {
  return `${competitionId}.${randomBytes(20).toString("base64url")}`;
}

const TOKEN_FORMAT = /^(\d{1,9})\.[A-Za-z0-9_-]{20,64}$/;

/** The competition a token claims to belong to, or null for anything that is not a token. */
function tokenCompetition(token: string): number | null {
  const m = TOKEN_FORMAT.exec(token);
  return m ? Number(m[1]) : null;
}

/** The receipt of the ballot cast with `token`: the same every time, unknowable without the key. */
export async function receiptFor(db: Db, token: string) {
  const mac = createHmac("sha256", await getSecret(db, "receipt"))
    .update(`receipt:${token}`)
    .digest();
  const code = humanCode(mac, 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function receiptHash(receipt: string) {
  return sha256(`receipt-hash:${receipt.toUpperCase().replace(/[^0-9A-Z]/g, "")}`).toString("hex");
}

// ── The ballot ──────────────────────────────────────────────────────────────────────────

export interface BallotProject {
  id: number;
  number: number;
  title: string;
  brand: string;
  summary: string;
  communityName: string;
  requestedFen: number;
}

export interface BallotInfo {
  competitionId: number;
  slug: string;
  title: string;
  /** A 效果共评 round (ratings or approvals of funded projects, comments allowed). */
  kind: CompetitionKind;
  /** Where the projects' pages are: the competition's own slug, or the evaluated one's. */
  projectsSlug: string;
  phase: CompetitionPhase;
  rule: VoteRule;
  maxChoices: number;
  voterBudgetFen: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  projects: BallotProject[];
}

const ballotCache = new Map<number, { at: number; info: Promise<BallotInfo | null> }>();
const BALLOT_CACHE_MS = 3000;

/** The ballot of a competition: accepted projects, numbered as on the paper ballot. Cached briefly (hot path). */
export function getBallot(
  db: Db,
  competitionId: number,
  fresh = false,
): Promise<BallotInfo | null> {
  const hit = ballotCache.get(competitionId);
  if (!fresh && hit && Date.now() - hit.at < BALLOT_CACHE_MS) return hit.info;
  const info = loadBallot(db, competitionId);
  ballotCache.set(competitionId, { at: Date.now(), info });
  info.catch(() => ballotCache.delete(competitionId));
  return info;
}

async function loadBallot(db: DbOrTx, competitionId: number): Promise<BallotInfo | null> {
  const [c] = await db
    .select()
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  if (!c) return null;
  const rows = await acceptedProposals(db, competitionId);
  const [evaluated] = c.evaluatesCompetitionId
    ? await db
        .select({ slug: competitions.slug })
        .from(competitions)
        .where(eq(competitions.id, c.evaluatesCompetitionId))
    : [];
  const [session] = await db
    .select({ state: liveSessions.state })
    .from(liveSessions)
    .where(eq(liveSessions.competitionId, competitionId));
  const order = session?.state.order ?? [];
  return {
    competitionId: c.id,
    slug: c.slug,
    title: c.title,
    kind: c.kind,
    projectsSlug: evaluated?.slug ?? c.slug,
    phase: c.phase,
    rule: c.voteRule,
    maxChoices: c.approvalMaxChoices,
    voterBudgetFen: c.voterBudgetFen,
    opensAt: c.votingOpensAt,
    closesAt: c.votingClosesAt,
    projects: numberBallot(rows, order),
  };
}

export type WindowState = "open" | "notYet" | "closed";

/** Voting runs inside its window, during the roadshow or voting phase. */
export function votingWindow(
  info: Pick<BallotInfo, "phase" | "opensAt" | "closesAt">,
  now = new Date(),
): WindowState {
  if (info.phase !== "roadshow" && info.phase !== "voting") {
    const after = ["results", "closed"].includes(info.phase);
    return after ? "closed" : "notYet";
  }
  if (info.opensAt && now < info.opensAt) return "notYet";
  if (info.closesAt && now > info.closesAt) return "closed";
  return "open";
}

type TokenLookup =
  | {
      status: "issued" | "used" | "void";
      competitionId: number;
      batchId: number;
      checkCode: string;
    }
  | { status: "unknown" };

export async function lookupToken(db: DbOrTx, token: string): Promise<TokenLookup> {
  if (tokenCompetition(token) === null) return { status: "unknown" };
  const [row] = await db
    .select({
      status: ballotTokens.status,
      competitionId: ballotTokens.competitionId,
      batchId: ballotTokens.batchId,
      checkCode: ballotTokens.checkCode,
    })
    .from(ballotTokens)
    .where(eq(ballotTokens.tokenHash, tokenHash(token)))
    .limit(1);
  return row ?? { status: "unknown" };
}

export type CastResult =
  | { ok: true; status: "cast" | "already"; receipt: string; competitionId: number }
  | { ok: false; refusal: "unknown" | "void" | "ruleChanged" | WindowState | BallotProblem };

/**
 * SQL: the competition is in a voting phase and inside its window, by the database's clock (one
 * clock for every instance; no cache decides whether a ballot is still accepted).
 */
function windowOpenSql(competitionId: number) {
  return sql`exists (select 1 from ${competitions} w where w.id = ${competitionId}
    and w.phase in ('roadshow', 'voting')
    and (w.voting_opens_at is null or w.voting_opens_at <= now())
    and (w.voting_closes_at is null or w.voting_closes_at >= now()))`;
}

/** The voting window right now, by the database's clock (fresh, never cached). */
async function windowNow(db: DbOrTx, competitionId: number): Promise<WindowState | null> {
  const rows = rowsOf<{
    phase: CompetitionPhase;
    opens: Date | string | null;
    closes: Date | string | null;
    now: Date | string;
  }>(
    await db.execute(sql`select phase, voting_opens_at as opens, voting_closes_at as closes, now() as now
      from ${competitions} where id = ${competitionId}`),
  );
  const r = rows[0];
  if (!r) return null;
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return votingWindow(
    { phase: r.phase, opensAt: date(r.opens), closesAt: date(r.closes) },
    new Date(r.now),
  );
}

/**
 * Casts the ballot of `token` with `choices` (proposal ids). Safe to retry: exactly one ballot.
 *
 * The hot path is one SQL statement: marking the token used, the sealed envelope (receipt hash
 * and choices, encrypted) and the registry flag are data-modifying CTEs of a single statement, so
 * they commit together or not at all, and only one of two concurrent submissions finds the token
 * still "issued". No audit entry per ballot (it would share the token's transaction); the flush
 * audits each batch. The phase and the voting window are part of that statement, checked against
 * the database's clock: once voting closes, no instance accepts another ballot. The ballot's
 * content is checked against the (briefly cached) ballot first: projects do not change while
 * voting is open, and the statement also requires the rule the choices were checked under (the
 * street may still switch it before the first ballot is in; a stale cache then refuses with
 * "ruleChanged" and is refreshed, so the resident chooses again under the new rule).
 */
export async function castBallot(
  db: Db,
  token: string,
  choices: number[],
  /** 效果共评: the rating of each choice (rating mode), comments per project (either mode). */
  extra: { ratings?: number[]; comments?: EvaluationComment[] } = {},
): Promise<CastResult> {
  const competitionId = tokenCompetition(token);
  if (competitionId === null) return { ok: false, refusal: "unknown" };
  const info = await getBallot(db, competitionId);
  if (!info) return { ok: false, refusal: "unknown" };
  const receipt = await receiptFor(db, token);
  const onBallot = info.projects.map((p) => p.id);
  const ratings = info.rule === "rating" ? (extra.ratings ?? []) : undefined;
  const check =
    ratings !== undefined
      ? choices.length !== ratings.length
        ? ({ ok: false, problem: "badRating" } as const)
        : checkRatings(
            onBallot,
            choices.map((proposalId, i) => ({ proposalId, rating: ratings[i]! })),
          )
      : checkBallot(
          { rule: info.rule, maxChoices: info.maxChoices, voterBudgetFen: info.voterBudgetFen },
          info.projects,
          choices,
        );
  // Comments go only with a 效果共评 ballot (a competition's ballot has none).
  const commented =
    info.kind === "evaluation" ? checkComments(onBallot, extra.comments ?? []) : null;
  const comments = commented?.ok ? commented.comments : [];
  const problem = !check.ok ? check.problem : commented && !commented.ok ? commented.problem : null;
  if (problem === null) {
    const envelope = await sealEnvelope(db, {
      receiptHash: receiptHash(receipt),
      choices,
      ...(ratings ? { ratings } : {}),
      ...(comments.length ? { comments } : {}),
    });
    const rows = await db.execute<{ id: string }>(sql`
      with used as (
        update ${ballotTokens} set status = 'used'
        where token_hash = ${tokenHash(token)} and status = 'issued' and competition_id = ${competitionId}
          and ${windowOpenSql(competitionId)}
          and exists (select 1 from ${competitions} r where r.id = ${competitionId}
            and r.vote_rule = ${info.rule})
        returning registry_entry_id
      ), envelope as (
        insert into ${ballotEnvelopes} (competition_id, key_id, sealed, receipt_key)
        select ${competitionId}, ${envelope.keyId}, ${envelope.sealed}, ${envelope.receiptKey} from used
        returning id
      ), registry as (
        update ${registryEntries} set voted = true where id = (select registry_entry_id from used)
      )
      select id from envelope`);
    if (rowsOf(rows).length === 1) return { ok: true, status: "cast", receipt, competitionId };
  }
  // Not cast: say why (a retry of a used token gets its receipt back).
  const found = await lookupToken(db, token);
  if (found.status === "unknown") return { ok: false, refusal: "unknown" };
  if (found.status === "void") return { ok: false, refusal: "void" };
  if (found.status === "used") return { ok: true, status: "already", receipt, competitionId };
  const window = await windowNow(db, competitionId);
  if (window !== "open") return { ok: false, refusal: window ?? "unknown" };
  if (problem !== null) return { ok: false, refusal: problem };
  const now = await getBallot(db, competitionId, true);
  if (now && now.rule !== info.rule) return { ok: false, refusal: "ruleChanged" };
  return { ok: false, refusal: "unknown" };
}

/** Whether a receipt belongs to a counted ballot of the competition (stored or still pending). */
export async function receiptCounted(db: Db, competitionId: number, receipt: string) {
  return receiptHashCounted(db, competitionId, receiptHash(receipt));
}

// ── Tokens ──────────────────────────────────────────────────────────────────────────────

export { MAX_BATCH };

export async function issueBatch(
  db: Db,
  actor: Actor,
  input: { competitionId: number; name: string; communityId: number | null; count: number },
) {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH)
    throw new RangeError(`count must be 1..${MAX_BATCH}`);
  const tokens = await Promise.all(
    Array.from({ length: input.count }, async () => {
      const token = newToken(input.competitionId);
      return {
        token,
        checkCode: checkCodeOf(token),
        typedCode: newTypedCode(),
        sealedToken: await sealText(db, token),
      };
    }),
  );
  const batch = await db.transaction(async (tx) => {
    const [b] = await tx
      .insert(ballotBatches)
      .values({
        competitionId: input.competitionId,
        name: input.name,
        communityId: input.communityId,
        createdBy: actor.userId,
      })
      .returning();
    for (let i = 0; i < tokens.length; i += 1000) {
      await tx.insert(ballotTokens).values(
        tokens.slice(i, i + 1000).map((t) => ({
          batchId: b!.id,
          competitionId: input.competitionId,
          tokenHash: tokenHash(t.token),
          checkCode: t.checkCode,
          typedCodeHash: typedCodeHash(t.typedCode),
          sealedToken: t.sealedToken,
        })),
      );
    }
    await appendAudit(tx, actor, {
      action: "ballot.batch",
      subjectType: "competition",
      subjectId: input.competitionId,
      payload: {
        batchId: b!.id,
        name: input.name,
        communityId: input.communityId,
        count: input.count,
      },
    });
    return b!;
  });
  return {
    batch,
    tokens: tokens.map((t) => ({ token: t.token, checkCode: t.checkCode, typedCode: t.typedCode })),
  };
}

export async function listBatches(db: DbOrTx, competitionId: number) {
  const rows = await db
    .select({
      id: ballotBatches.id,
      name: ballotBatches.name,
      kind: ballotBatches.kind,
      communityId: ballotBatches.communityId,
      communityName: communities.name,
      createdAt: ballotBatches.createdAt,
      issued: sql<number>`count(${ballotTokens.id})::int`,
      used: sql<number>`count(${ballotTokens.id}) filter (where ${ballotTokens.status} = 'used')::int`,
      void: sql<number>`count(${ballotTokens.id}) filter (where ${ballotTokens.status} = 'void')::int`,
    })
    .from(ballotBatches)
    .leftJoin(communities, eq(communities.id, ballotBatches.communityId))
    .leftJoin(ballotTokens, eq(ballotTokens.batchId, ballotBatches.id))
    .where(eq(ballotBatches.competitionId, competitionId))
    .groupBy(ballotBatches.id, communities.name)
    .orderBy(asc(ballotBatches.id));
  return rows;
}

type VoidResult = "voided" | "notFound" | "ambiguous" | "alreadyUsed" | "registry";

/**
 * Voids a lost card by its check code within a batch of this competition (never a used one); a
 * batch of another competition is not found.
 */
export async function voidToken(
  db: Db,
  actor: Actor,
  competitionId: number,
  batchId: number,
  checkCode: string,
  reason: string,
): Promise<VoidResult> {
  const code = checkCode.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .select({ kind: ballotBatches.kind })
      .from(ballotBatches)
      .where(and(eq(ballotBatches.id, batchId), eq(ballotBatches.competitionId, competitionId)));
    if (!batch) return "notFound";
    const rows = await tx
      .select()
      .from(ballotTokens)
      .where(and(eq(ballotTokens.batchId, batchId), eq(ballotTokens.checkCode, code)))
      .for("update");
    if (rows.length === 0) return "notFound";
    if (rows.length > 1) return "ambiguous";
    const row = rows[0]!;
    // A registry card is derived from the resident's entry: voided, it could never be replaced.
    if (batch.kind === "registry") return "registry";
    if (row.status === "used") return "alreadyUsed";
    if (row.status === "void") return "voided";
    await tx
      .update(ballotTokens)
      .set({ status: "void", voidReason: reason })
      .where(eq(ballotTokens.id, row.id));
    await appendAudit(tx, actor, {
      action: "ballot.void",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { batchId, checkCode: code, reason },
    });
    return "voided";
  });
}

type VoidBatchResult =
  | {
      status: "voided";
      voided: number;
      used: number;
      batch: { name: string; communityId: number | null };
    }
  | { status: "notFound" | "registry" | "nothingToVoid" };

/**
 * Voids every unused card of a batch at once (cards that never reached residents: a lost print
 * file, a download that failed), with a reason, audited in the same transaction. Cards already
 * used stay used and their ballots count; a registry batch is not voided this way.
 */
export async function voidBatch(
  db: Db,
  actor: Actor,
  competitionId: number,
  batchId: number,
  reason: string,
): Promise<VoidBatchResult> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .select()
      .from(ballotBatches)
      .where(and(eq(ballotBatches.id, batchId), eq(ballotBatches.competitionId, competitionId)))
      .for("update");
    if (!batch) return { status: "notFound" } as const;
    if (batch.kind === "registry") return { status: "registry" } as const;
    const voided = await tx
      .update(ballotTokens)
      .set({ status: "void", voidReason: reason })
      .where(and(eq(ballotTokens.batchId, batchId), eq(ballotTokens.status, "issued")))
      .returning({ id: ballotTokens.id });
    if (voided.length === 0) return { status: "nothingToVoid" } as const;
    const [usedRow] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotTokens)
      .where(and(eq(ballotTokens.batchId, batchId), eq(ballotTokens.status, "used")));
    const used = usedRow?.n ?? 0;
    await appendAudit(tx, actor, {
      action: "ballot.batchVoid",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { batchId, name: batch.name, voided: voided.length, used, reason },
    });
    return {
      status: "voided",
      voided: voided.length,
      used,
      batch: { name: batch.name, communityId: batch.communityId },
    } as const;
  });
}

// ── Registry ────────────────────────────────────────────────────────────────────────────

export async function registryHash(
  db: Db,
  input: { name: string; phone: string; document?: string },
) {
  return createHmac("sha256", await getSecret(db, "registry"))
    .update(matchKey(input))
    .digest("hex");
}

export interface RegistryRow {
  name: string;
  phone: string;
  communityId: number;
  document?: string;
}

/** Adds residents; a resident already in the registry is kept once. Returns how many were added. */
export async function importRegistry(
  db: Db,
  actor: Actor,
  competitionId: number,
  rows: RegistryRow[],
) {
  const values = await Promise.all(
    rows.map(async (r) => ({
      competitionId,
      communityId: r.communityId,
      matchHash: await registryHash(db, r),
      identityHash: await registryHash(db, { name: r.name, phone: r.phone }),
      hasDocument: Boolean(r.document?.trim()),
      maskedName: maskName(r.name),
      maskedPhone: maskPhone(r.phone),
    })),
  );
  return db.transaction(async (tx) => {
    let added = 0;
    for (let i = 0; i < values.length; i += 1000) {
      const inserted = await tx
        .insert(registryEntries)
        .values(values.slice(i, i + 1000))
        .onConflictDoNothing()
        .returning({ id: registryEntries.id });
      added += inserted.length;
    }
    await appendAudit(tx, actor, {
      action: "registry.import",
      subjectType: "competition",
      subjectId: competitionId,
      payload: { rows: rows.length, added },
    });
    return added;
  });
}

export async function registryCounts(db: DbOrTx, competitionId: number) {
  return db
    .select({
      communityId: registryEntries.communityId,
      communityName: communities.name,
      total: count(),
      voted: sql<number>`count(*) filter (where ${registryEntries.voted})::int`,
    })
    .from(registryEntries)
    .innerJoin(communities, eq(communities.id, registryEntries.communityId))
    .where(eq(registryEntries.competitionId, competitionId))
    .groupBy(registryEntries.communityId, communities.name, communities.sortOrder)
    .orderBy(asc(communities.sortOrder));
}

export type RegistryCheck =
  | { ok: true; token: string }
  | { ok: false; refusal: "notFound" | "alreadyVoted" | "documentRequired" };

/**
 * The ballot token of a registry entry: always the same for the entry (so a resident who comes
 * back gets the same card and, once voted, its receipt), derived with the ballot key, which is
 * not in the database (whoever reads the database cannot compute it, nor the receipt from it).
 */
async function registryToken(db: Db, competitionId: number, entryId: number) {
  const { key } = await ballotKey(db);
  const mac = createHmac("sha256", key)
    .update(`registry-token:${competitionId}:${entryId}`)
    .digest()
    .subarray(0, 20);
  return `${competitionId}.${mac.toString("base64url")}`;
}

/**
 * A resident proves who they are by matching the registry (name, phone and, when one was
 * imported, the 证件号: asked for when missing). They get their entry's own ballot token, the
 * same on every visit: nothing is voided and no new card is handed out, so checking again (or
 * someone else checking with the same details) never takes the resident's vote away; once used,
 * the voting page shows the receipt.
 */
export async function tokenForResident(
  db: Db,
  competitionId: number,
  input: { name: string; phone: string; document?: string },
): Promise<RegistryCheck> {
  const hash = await registryHash(db, input);
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .select()
      .from(registryEntries)
      .where(
        and(eq(registryEntries.competitionId, competitionId), eq(registryEntries.matchHash, hash)),
      )
      .for("update");
    if (!entry) {
      if (!input.document?.trim()) {
        const identity = await registryHash(db, { name: input.name, phone: input.phone });
        const [withDocument] = await tx
          .select({ id: registryEntries.id })
          .from(registryEntries)
          .where(
            and(
              eq(registryEntries.competitionId, competitionId),
              eq(registryEntries.identityHash, identity),
              eq(registryEntries.hasDocument, true),
            ),
          )
          .limit(1);
        if (withDocument) return { ok: false, refusal: "documentRequired" } as const;
      }
      return { ok: false, refusal: "notFound" } as const;
    }
    return cardForEntry(tx, db, competitionId, entry);
  });
}

/**
 * The registry entry's own card (see tokenForResident), inside the caller's transaction, once
 * the resident has shown what the competition asks for.
 */
export async function cardForEntry(
  tx: DbOrTx,
  db: Db,
  competitionId: number,
  entry: { id: number; communityId: number },
): Promise<RegistryCheck> {
  const token = await registryToken(db, competitionId, entry.id);
  const hashOfToken = tokenHash(token);
  const live = await tx
    .select()
    .from(ballotTokens)
    .where(and(eq(ballotTokens.registryEntryId, entry.id), sql`${ballotTokens.status} <> 'void'`));
  if (live.some((t) => t.tokenHash === hashOfToken)) return { ok: true, token } as const;
  // A token minted before tokens were derived (or under an earlier key): used means voted
  // (its receipt cannot be shown again); unused, it is the same resident's and is replaced.
  if (live.some((t) => t.status === "used")) return { ok: false, refusal: "alreadyVoted" } as const;
  if (live.length)
    await tx
      .update(ballotTokens)
      .set({ status: "void", voidReason: "replaced" })
      .where(and(eq(ballotTokens.registryEntryId, entry.id), eq(ballotTokens.status, "issued")));
  const batchId = await registryBatch(tx, competitionId, entry.communityId);
  await tx
    .insert(ballotTokens)
    .values({
      batchId,
      competitionId,
      tokenHash: hashOfToken,
      checkCode: checkCodeOf(token),
      registryEntryId: entry.id,
    })
    .onConflictDoNothing({ target: ballotTokens.tokenHash });
  return { ok: true, token } as const;
}

async function registryBatch(tx: DbOrTx, competitionId: number, communityId: number) {
  const [existing] = await tx
    .select({ id: ballotBatches.id })
    .from(ballotBatches)
    .where(
      and(
        eq(ballotBatches.competitionId, competitionId),
        eq(ballotBatches.kind, "registry"),
        eq(ballotBatches.communityId, communityId),
      ),
    )
    .limit(1);
  if (existing) return existing.id;
  const [community] = await tx
    .select({ name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  const [created] = await tx
    .insert(ballotBatches)
    .values({
      competitionId,
      communityId,
      kind: "registry",
      name: `居民名册 · ${community?.name ?? communityId}`,
    })
    .returning({ id: ballotBatches.id });
  return created!.id;
}

// ── Tally ───────────────────────────────────────────────────────────────────────────────

interface Tally {
  competitionId: number;
  ballotsOnline: number;
  ballotsOffline: number;
  invalidOffline: number;
  stationsConfirmed: number;
  stationsTotal: number;
  /** The ballot's rule: in rating mode (效果共评) each project has its ratings and mean. */
  rule: VoteRule;
  projects: Array<
    BallotProject & {
      online: number;
      offline: number;
      total: number;
      /** Rating mode: how many gave 1…5, and the mean to two decimals ("—" before any). */
      ratings?: Distribution;
      mean?: string;
      /** Rating mode: how many residents rated the project (the sum of `ratings`). */
      count?: number;
    }
  >;
  turnout: Array<{ communityId: number; communityName: string; issued: number; used: number }>;
}

/**
 * Votes per project, online and from confirmed polling stations: the one count behind the live
 * tally and the results (a station counts once both clerks agree or the street resolves it).
 */
export async function voteCounts(
  db: DbOrTx,
  competitionId: number,
  projectIds: number[],
  key?: BallotKey,
) {
  const [online, stations, confirmed] = await Promise.all([
    onlineCounts(db, key ?? (await ballotKey(db as Db)), competitionId),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(pollingStations)
      .where(eq(pollingStations.competitionId, competitionId)),
    db
      .select({
        name: pollingStations.name,
        communityName: communities.name,
        ballotsCast: stationResults.ballotsCast,
        invalid: stationResults.invalid,
        stationId: stationResults.stationId,
      })
      .from(stationResults)
      .innerJoin(pollingStations, eq(pollingStations.id, stationResults.stationId))
      .innerJoin(communities, eq(communities.id, pollingStations.communityId))
      .where(eq(pollingStations.competitionId, competitionId))
      .orderBy(asc(communities.sortOrder), asc(pollingStations.name)),
  ]);
  const onThe = new Set(projectIds);
  const confirmedIds = confirmed.map((c) => c.stationId);
  const [rows, ratingRows] = confirmed.length
    ? await Promise.all([
        db
          .select({
            stationId: stationResultVotes.stationId,
            proposalId: stationResultVotes.proposalId,
            votes: stationResultVotes.votes,
          })
          .from(stationResultVotes)
          .where(inArray(stationResultVotes.stationId, confirmedIds)),
        db
          .select({
            stationId: stationResultRatings.stationId,
            proposalId: stationResultRatings.proposalId,
            rating: stationResultRatings.rating,
            ballots: stationResultRatings.ballots,
          })
          .from(stationResultRatings)
          .where(inArray(stationResultRatings.stationId, confirmedIds)),
      ])
    : [[], []];
  const offline = new Map<number, number>();
  const perStation = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const votes = perStation.get(r.stationId) ?? {};
    votes[String(r.proposalId)] = r.votes;
    perStation.set(r.stationId, votes);
    if (onThe.has(r.proposalId))
      offline.set(r.proposalId, (offline.get(r.proposalId) ?? 0) + r.votes);
  }
  // 效果共评 in rating mode: the confirmed stations' ratings per project and level.
  const paperRatings = new Map<number, Distribution>();
  const ratingsPerStation = new Map<number, Record<string, Distribution>>();
  for (const r of ratingRows) {
    const level = Number(r.rating);
    if (level < 1 || level > 5) continue;
    const sheet = ratingsPerStation.get(r.stationId) ?? {};
    const d = (sheet[String(r.proposalId)] ??= emptyDistribution());
    d[level - 1] = d[level - 1]! + r.ballots;
    ratingsPerStation.set(r.stationId, sheet);
    if (onThe.has(r.proposalId)) {
      const total = paperRatings.get(r.proposalId) ?? emptyDistribution();
      total[level - 1] = total[level - 1]! + r.ballots;
      paperRatings.set(r.proposalId, total);
    }
  }
  return {
    online: new Map([...online.perProject].filter(([id]) => onThe.has(id))),
    /** 效果共评 in rating mode: online ratings per project and level. */
    ratings: new Map([...online.ratings].filter(([id]) => onThe.has(id))),
    /** 效果共评 in rating mode: the confirmed stations' paper ratings per project and level. */
    paperRatings,
    offline,
    ballotsOnline: online.ballots,
    unreadableOnline: online.unreadable,
    ballotsOffline: confirmed.reduce((s, r) => s + r.ballotsCast - r.invalid, 0),
    invalidOffline: confirmed.reduce((s, r) => s + r.invalid, 0),
    stationsConfirmed: confirmed.length,
    stationsTotal: stations[0]?.n ?? 0,
    /** The confirmed stations' counts, in community order (ratings: rating mode). */
    stations: confirmed.map(({ stationId, ...c }) => ({
      ...c,
      votes: perStation.get(stationId) ?? {},
      ratings: ratingsPerStation.get(stationId) ?? {},
    })),
  };
}

export async function computeTally(db: Db, competitionId: number): Promise<Tally | null> {
  const info = await getBallot(db, competitionId, true);
  if (!info) return null;
  const [votes, turnout] = await Promise.all([
    voteCounts(
      db,
      competitionId,
      info.projects.map((p) => p.id),
    ),
    db
      .select({
        communityId: ballotBatches.communityId,
        communityName: communities.name,
        issued: sql<number>`count(${ballotTokens.id}) filter (where ${ballotTokens.status} <> 'void')::int`,
        used: sql<number>`count(${ballotTokens.id}) filter (where ${ballotTokens.status} = 'used')::int`,
      })
      .from(ballotBatches)
      .innerJoin(communities, eq(communities.id, ballotBatches.communityId))
      .leftJoin(ballotTokens, eq(ballotTokens.batchId, ballotBatches.id))
      .where(eq(ballotBatches.competitionId, competitionId))
      .groupBy(ballotBatches.communityId, communities.name, communities.sortOrder)
      .orderBy(asc(communities.sortOrder)),
  ]);
  return {
    competitionId,
    ballotsOnline: votes.ballotsOnline,
    ballotsOffline: votes.ballotsOffline,
    invalidOffline: votes.invalidOffline,
    stationsConfirmed: votes.stationsConfirmed,
    stationsTotal: votes.stationsTotal,
    rule: info.rule,
    projects: info.projects.map((p) => {
      const on = votes.online.get(p.id) ?? 0;
      const off = votes.offline.get(p.id) ?? 0;
      if (info.rule !== "rating") return { ...p, online: on, offline: off, total: on + off };
      // Rating mode: online and paper ratings together; online/offline say how many of each.
      const online = votes.ratings.get(p.id) ?? emptyDistribution();
      const paper = votes.paperRatings.get(p.id) ?? emptyDistribution();
      const ratings = addDistributions(online, paper);
      const onCount = online.reduce((s, n) => s + n, 0);
      const offCount = paper.reduce((s, n) => s + n, 0);
      const score = ratingScore(ratings);
      return {
        ...p,
        online: onCount,
        offline: offCount,
        total: onCount + offCount,
        ratings,
        mean: score.mean,
        count: score.count,
      };
    }),
    turnout: turnout.filter((t): t is typeof t & { communityId: number } => t.communityId !== null),
  };
}
