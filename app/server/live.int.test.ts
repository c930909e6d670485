/**
 * The live roadshow with real socket.io clients against the real server: host, judges and the
 * big screen, including reconnects, a recused judge, and a server restart mid-scoring.
 */
import { eq, inArray } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  competitionJudges,
  competitions,
  criteria,
  judgeRecusals,
  judgeScores,
  sessions,
  users,
} from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import type { Ack, Progress, Snapshot } from "../../realtime/events";
import { loadResultInput } from "../models/results.server";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
/**
 * The socket and HTTP behaviour runs on PostgreSQL (like the other HTTP suites); on PGlite only
 * "a real crash" runs, since a crash of the process that holds the embedded database is that
 * driver's own story. TEST_SCOPE=all runs everything on either.
 */
const OVER_HTTP = testDriver() === "postgres" || process.env.TEST_SCOPE === "all";
const sockets: Socket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  await server.services.db.update(competitions).set({ phase: "roadshow" });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
});

async function socketFor(url: string, username?: string) {
  let cookie: string | undefined;
  if (username) {
    const b = new Browser(url);
    await b.login(username);
    cookie = b.cookieHeader;
  }
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: cookie ? { Cookie: cookie } : {},
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const ask = <T extends Ack = Ack>(socket: Socket, event: string, payload: unknown) =>
  socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;

function waitFor<T>(socket: Socket, event: string, predicate: (p: T) => boolean, ms = 10_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
    const handler = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

async function join(socket: Socket, audience: "screen" | "host" | "judge", competitionId: number) {
  const reply = await ask<Ack & { snapshot?: Snapshot }>(socket, "live:join", {
    competitionId,
    audience,
  });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply.snapshot!;
}

/** A sheet worth `points` in total, spread over the criteria in proportion to their maxima. */
function sheetFor(criteriaList: Array<{ id: number; maxPoints: number }>, points: number) {
  const items: Record<string, number> = {};
  let left = points * 2;
  criteriaList.forEach((c, i) => {
    const share =
      i === criteriaList.length - 1
        ? left
        : Math.min(c.maxPoints * 2, Math.round((points * 2 * c.maxPoints) / 100));
    items[String(c.id)] = share;
    left -= share;
  });
  return items;
}

async function fullSheet(competitionId: number, points: number) {
  return sheetFor(
    await server.services.db
      .select()
      .from(criteria)
      .where(eq(criteria.competitionId, competitionId)),
    points,
  );
}

async function command(
  host: Socket,
  competitionId: number,
  type: string,
  version: number,
  extra: Record<string, unknown> = {},
) {
  return ask(host, "host:command", {
    competitionId,
    command: { type },
    expectedVersion: version,
    ...extra,
  });
}

/** Issues a command and waits for the snapshot it produces on `watcher` (listening first: no race). */
async function step(
  host: Socket,
  watcher: Socket,
  competitionId: number,
  type: string,
  snap: Snapshot,
) {
  const next = waitFor<Snapshot>(
    watcher,
    "live:snapshot",
    (s) => s.state.version === snap.state.version + 1,
  );
  const reply = await command(host, competitionId, type, snap.state.version);
  expect(reply.ok, `${type}: ${JSON.stringify(reply)}`).toBe(true);
  return next;
}

describe.runIf(OVER_HTTP)("live roadshow over socket.io", () => {
  it("host opens scoring → two judges submit → the screen gets progress, then the revealed score", async () => {
    const [competition] = await server.services.db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    const screen = await socketFor(server.url);
    const j1 = await socketFor(server.url, "judge1");
    const j2 = await socketFor(server.url, "judge2");
    let snap = await join(host, "host", cid);
    await join(screen, "screen", cid);
    await join(j1, "judge", cid);
    await join(j2, "judge", cid);
    // Draw the order, then run the first pitch.
    const drawnSnap = waitFor<Snapshot>(
      screen,
      "live:snapshot",
      (s) => s.draw?.seed === "202612180930",
    );
    const drawn = await ask(host, "host:draw", { competitionId: cid, seed: "202612180930" });
    expect(drawn.ok).toBe(true);
    snap = await drawnSnap;
    expect(snap.state.order).toHaveLength(11);
    for (const type of ["start", "startQa", "openScoring"])
      snap = await step(host, screen, cid, type, snap);
    expect(snap.state.stage).toBe("scoring");
    const proposalId = snap.state.order[snap.state.current!]!;
    // The screen knows how many judges are expected (panel minus recusals) and none have scored.
    expect(snap.progress).toMatchObject({ proposalId, submitted: 0 });
    const expected = snap.progress!.expected;

    const progress = waitFor<Progress>(screen, "live:progress", (p) => p.submitted === 2);
    const r1 = await ask(j1, "score:submit", {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 88),
      revision: 1,
      key: "judge1-key-1",
    });
    const r2 = await ask(j2, "score:submit", {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 92.5),
      revision: 1,
      key: "judge2-key-1",
    });
    expect([r1, r2].map((r) => r.status ?? r.error)).toEqual(["recorded", "recorded"]);
    expect((await progress).expected).toBe(expected);
    expect((await progress).judges).toBeUndefined(); // the screen never sees who

    // Closing with judges missing needs the host's explicit confirmation.
    const refused = await command(host, cid, "closeScoring", snap.state.version);
    expect(refused).toMatchObject({ ok: false, error: "judgesMissing" });
    expect((refused.detail as unknown[]).length).toBe(expected - 2);
    const closed = waitFor<Snapshot>(screen, "live:snapshot", (s) => s.state.stage === "closed");
    expect(
      (await command(host, cid, "closeScoring", snap.state.version, { allowMissing: true })).ok,
    ).toBe(true);
    snap = await closed;
    // Locked: a late sheet is refused.
    const late = await ask(j1, "score:submit", {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 50),
      revision: 2,
      key: "judge1-key-2",
    });
    expect(late).toMatchObject({ ok: false, error: "notScoring" });

    snap = await step(host, screen, cid, "reveal", snap);
    const result = snap.results.find((r) => r.proposalId === proposalId)!;
    // Two judges: the plain mean (trimmed needs five), (88 + 92.5) / 2 = 90.25.
    expect(result).toMatchObject({ applied: "mean", score: 9025 });
    expect(result.judges.map((j) => j.total).sort()).toEqual([8800, 9250]);
  });

  it("records a score sent twice after a reconnect exactly once, and never lets an old revision win", async () => {
    const [competition] = await server.services.db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    let snap = await join(host, "host", cid);
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    const proposalId = snap.state.order[snap.state.current!]!;
    const judge = await socketFor(server.url, "judge3");
    await join(judge, "judge", cid);
    const sheet = {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 80),
      revision: 1,
      key: "judge3-rev1",
    };
    expect((await ask(judge, "score:submit", sheet)).status).toBe("recorded");
    // The connection drops; the tablet sends the same sheet again when it is back.
    judge.disconnect();
    judge.connect();
    await new Promise<void>((r) => judge.once("connect", () => r()));
    expect((await ask(judge, "score:submit", sheet)).status).toBe("duplicate");
    // A revision, then the stale first one arriving late.
    const revised = { ...sheet, items: await fullSheet(cid, 85), revision: 2, key: "judge3-rev2" };
    expect((await ask(judge, "score:submit", revised)).status).toBe("recorded");
    expect((await ask(judge, "score:submit", { ...sheet, key: "judge3-rev1-resent" })).status).toBe(
      "stale",
    );

    const [judge3] = await server.services.db
      .select()
      .from(users)
      .where(eq(users.username, "judge3"));
    const rows = await server.services.db
      .select()
      .from(judgeScores)
      .where(eq(judgeScores.judgeUserId, judge3!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.totalHalfPoints).toBe(170);
    const audits = await server.services.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, judge3!.id));
    expect(audits.filter((a) => a.action.startsWith("score.")).map((a) => a.action)).toEqual([
      "score.submit",
      "score.revise",
    ]);
  });

  it("a judge's correction before scoring closes is recorded, audited, pushed to her tablets and counted in the reveal", async () => {
    const db = server.services.db;
    const [competition] = await db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    let snap = await join(host, "host", cid);
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    const proposalId = snap.state.order[snap.state.current!]!;
    const judge = await socketFor(server.url, "judge1");
    const otherTablet = await socketFor(server.url, "judge1");
    await join(judge, "judge", cid);
    await join(otherTablet, "judge", cid);

    // First sheet: 80. The ack carries the server's revision, and her tablets get the sheet.
    const pushed = waitFor<Snapshot>(otherTablet, "live:snapshot", (s) => !!s.judge?.sheet);
    const first = await ask(judge, "score:submit", {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 80),
      revision: 1,
      key: "judge1-correct-1",
    });
    expect(first).toMatchObject({ ok: true, status: "recorded", detail: { revision: 1 } });
    expect((await pushed).judge!.sheet).toMatchObject({ revision: 1, totalHalfPoints: 160 });

    // The correction goes above the acknowledged revision (as the tablet now does): recorded.
    const repushed = waitFor<Snapshot>(
      otherTablet,
      "live:snapshot",
      (s) => s.judge?.sheet?.revision === 2,
    );
    const second = await ask(judge, "score:submit", {
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, 88),
      revision: (first.detail as { revision: number }).revision + 1,
      key: "judge1-correct-2",
    });
    expect(second).toMatchObject({
      ok: true,
      status: "recorded",
      detail: { revision: 2, totalHalfPoints: 176 },
    });
    expect((await repushed).judge!.sheet!.totalHalfPoints).toBe(176);
    // A tablet that reuses a revision is told "stale", with the server's revision to go above.
    expect(
      await ask(judge, "score:submit", {
        competitionId: cid,
        proposalId,
        items: await fullSheet(cid, 70),
        revision: 2,
        key: "judge1-correct-3",
      }),
    ).toMatchObject({ ok: true, status: "stale", detail: { revision: 2, totalHalfPoints: 176 } });

    const [judge1] = await db.select().from(users).where(eq(users.username, "judge1"));
    const actions = (await db.select().from(auditLog).where(eq(auditLog.actorUserId, judge1!.id)))
      .map((a) => a.action)
      .filter((a) => a.startsWith("score."));
    expect(actions).toEqual(["score.submit", "score.revise"]);

    const closed = waitFor<Snapshot>(host, "live:snapshot", (s) => s.state.stage === "closed");
    expect(
      (await command(host, cid, "closeScoring", snap.state.version, { allowMissing: true })).ok,
    ).toBe(true);
    snap = await step(host, host, cid, "reveal", await closed);
    const result = snap.results.find((r) => r.proposalId === proposalId)!;
    expect(result.judges.map((j) => j.total)).toEqual([8800]);
    expect(result.score).toBe(8800);
  });

  it("a recusal added after the judge scored takes her sheet out of the reveal, the leaderboard and the results, audited with a reason, on every screen", async () => {
    const db = server.services.db;
    const [competition] = await db.select().from(competitions);
    const cid = competition!.id;
    const admin = new Browser(server.url);
    await admin.login("admin");
    const panel = await db
      .select()
      .from(competitionJudges)
      .where(eq(competitionJudges.competitionId, cid));
    const recusalRows = await db
      .select()
      .from(judgeRecusals)
      .where(eq(judgeRecusals.competitionId, cid));
    const wu = recusalRows[0]!; // 吴静 (judge6), recused from 杏园社区 by the seed
    /** Posts the panel form as the page does (repeated fields). */
    const savePanel = (withWuRecused: boolean, changeReason: string) => {
      const form = new URLSearchParams({ intent: "save" });
      panel.forEach((j, i) => {
        form.set(`panel[${i}].userId`, String(j.userId));
        form.set(`panel[${i}].on`, "on");
        for (const r of recusalRows) {
          if (r.judgeUserId !== j.userId) continue;
          if (
            r.judgeUserId === wu.judgeUserId &&
            r.communityId === wu.communityId &&
            !withWuRecused
          )
            continue;
          form.append(`panel[${i}].recuse`, String(r.communityId));
          form.set(`panel[${i}].reason`, r.reason);
        }
      });
      form.set("changeReason", changeReason);
      return admin.fetch(`/admin/competitions/${cid}/judges`, {
        method: "POST",
        body: form,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    };
    // During the show a panel change needs a reason: refused (400, in words) without one.
    const refused = await savePanel(false, "");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("须填写变更原因");
    expect((await savePanel(false, "核实后与杏园社区无关联")).status).toBe(302);

    // 杏园 first; 吴静 now scores it (100), as do two others.
    const host = await socketFor(server.url, "admin");
    const screen = await socketFor(server.url);
    let snap = await join(host, "host", cid);
    await join(screen, "screen", cid);
    const xingyuan = snap.proposals.find((p) => p.communityName === "杏园社区")!.id;
    const reordered = waitFor<Snapshot>(
      host,
      "live:snapshot",
      (s) => s.state.order[0] === xingyuan,
    );
    await ask(host, "host:order", {
      competitionId: cid,
      order: [xingyuan, ...snap.state.order.filter((id) => id !== xingyuan)],
      expectedVersion: snap.state.version,
    });
    snap = await reordered;
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    expect(snap.progress!.judges!.find((j) => j.name === "吴静")!.recused).toBe(false);
    for (const [username, points] of [
      ["judge6", 100],
      ["judge1", 80],
      ["judge2", 84],
    ] as const) {
      const j = await socketFor(server.url, username);
      await join(j, "judge", cid);
      const r = await ask(j, "score:submit", {
        competitionId: cid,
        proposalId: xingyuan,
        items: await fullSheet(cid, points),
        revision: 1,
        key: `late-recusal-${username}`,
      });
      expect(r.status).toBe("recorded");
    }
    const closed = waitFor<Snapshot>(host, "live:snapshot", (s) => s.state.stage === "closed");
    await command(host, cid, "closeScoring", snap.state.version, { allowMissing: true });
    const revealed = waitFor<Snapshot>(screen, "live:snapshot", (s) => s.results.length === 1);
    snap = await step(host, host, cid, "reveal", await closed);
    const before = (await revealed).results[0]!;
    expect(before.judges.map((j) => j.name)).toContain("吴静");
    expect(before.score).toBe(8800); // (100 + 80 + 84) / 3

    // The conflict of interest is found late: tick the recusal again.
    const updated = waitFor<Snapshot>(screen, "live:snapshot", (s) =>
      s.results.some((r) => r.proposalId === xingyuan && r.score !== 8800),
    );
    const hostUpdated = waitFor<Snapshot>(host, "live:snapshot", (s) =>
      s.results.some((r) => r.proposalId === xingyuan && r.score !== 8800),
    );
    expect((await savePanel(true, "发现吴静为杏园社区居民议事会成员")).status).toBe(302);
    for (const view of [await updated, await hostUpdated]) {
      const after = view.results.find((r) => r.proposalId === xingyuan)!;
      expect(after.judges.map((j) => j.name)).not.toContain("吴静");
      expect(after.score).toBe(8200); // (80 + 84) / 2
    }
    // The results (and every export made from them) use the same rule.
    const input = (await loadResultInput(db, cid))!;
    expect(
      input.sheets.filter((s) => s.proposalId === xingyuan).map((s) => s.judgeId),
    ).not.toContain(wu.judgeUserId);
    // The sheet is kept on record; the change is audited with its reason and effect.
    expect(
      await db.select().from(judgeScores).where(eq(judgeScores.judgeUserId, wu.judgeUserId)),
    ).toHaveLength(1);
    const [entry] = (
      await db.select().from(auditLog).where(eq(auditLog.action, "competition.judges"))
    ).slice(-1);
    expect(entry!.payload).toMatchObject({
      reason: "发现吴静为杏园社区居民议事会成员",
      sheetsExcluded: [{ judgeId: wu.judgeUserId, proposalId: xingyuan }],
    });
  });

  it("brings a skipped team back and reopens scoring with a reason, audited and on every screen", async () => {
    const db = server.services.db;
    const [competition] = await db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    const screen = await socketFor(server.url);
    let snap = await join(host, "host", cid);
    await join(screen, "screen", cid);
    const absent = snap.state.order[0]!;
    // The first team is absent (K)…
    const skipped = waitFor<Snapshot>(screen, "live:snapshot", (s) => s.state.skipped.length > 0);
    snap = await step(host, host, cid, "skip", snap);
    expect((await skipped).state.skipped).toEqual([absent]);
    // …and arrives: the host brings it back into the order; the screen follows.
    const back = waitFor<Snapshot>(
      screen,
      "live:snapshot",
      (s) => s.state.version === snap.state.version + 1,
    );
    expect(
      await ask(host, "host:command", {
        competitionId: cid,
        command: { type: "unskip", proposalId: absent },
        expectedVersion: snap.state.version,
      }),
    ).toMatchObject({ ok: true });
    snap = await back;
    expect(snap.state.skipped).toEqual([]);

    // A pitch closes while judge2's tablet is dead.
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    const proposalId = snap.state.order[snap.state.current!]!;
    const j1 = await socketFor(server.url, "judge1");
    const j2 = await socketFor(server.url, "judge2");
    await join(j1, "judge", cid);
    await join(j2, "judge", cid);
    const sheet = async (points: number, key: string) => ({
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, points),
      revision: 1,
      key,
    });
    expect((await ask(j1, "score:submit", await sheet(80, "reopen-j1"))).status).toBe("recorded");
    const closed = waitFor<Snapshot>(host, "live:snapshot", (s) => s.state.stage === "closed");
    await command(host, cid, "closeScoring", snap.state.version, { allowMissing: true });
    snap = await closed;
    expect(await ask(j2, "score:submit", await sheet(90, "reopen-j2"))).toMatchObject({
      ok: false,
      error: "notScoring",
    });
    // Reopening needs a reason.
    const reopen = (reason: string) =>
      ask(host, "host:command", {
        competitionId: cid,
        command: { type: "reopenScoring", reason },
        expectedVersion: snap.state.version,
      });
    expect(await reopen(" ")).toMatchObject({ ok: false, error: "reasonRequired" });
    const reopened = waitFor<Snapshot>(screen, "live:snapshot", (s) => s.state.stage === "scoring");
    expect(await reopen("刘敏的平板没电,换机后补交")).toMatchObject({ ok: true });
    expect((await reopened).progress).toMatchObject({ proposalId, submitted: 1 });
    expect((await ask(j2, "score:submit", await sheet(90, "reopen-j2b"))).status).toBe("recorded");

    const entries = await db.select().from(auditLog);
    expect(entries.find((e) => e.action === "live.unskip")!.payload).toMatchObject({
      proposalId: absent,
    });
    expect(entries.find((e) => e.action === "live.reopenScoring")!.payload).toMatchObject({
      proposalId,
      reason: "刘敏的平板没电,换机后补交",
    });
  });

  it("refuses a recused judge, a judge off the panel, and a host command from a judge", async () => {
    const db = server.services.db;
    const [competition] = await db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    let snap = await join(host, "host", cid);
    // Put 杏园社区's proposal first: judge6 is recused from it.
    const xingyuan = snap.proposals.find((p) => p.communityName === "杏园社区")!.id;
    const order = [xingyuan, ...snap.state.order.filter((id) => id !== xingyuan)];
    const reordered = waitFor<Snapshot>(
      host,
      "live:snapshot",
      (s) => s.state.order[0] === xingyuan,
    );
    expect(
      (
        await ask(host, "host:order", {
          competitionId: cid,
          order,
          expectedVersion: snap.state.version,
        })
      ).ok,
    ).toBe(true);
    snap = await reordered;
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    expect(snap.progress!.expected).toBe(6);
    expect(snap.progress!.judges!.find((j) => j.recused)!.name).toBe("吴静");

    const recused = await socketFor(server.url, "judge6");
    const view = await join(recused, "judge", cid);
    expect(view.judge).toMatchObject({ recused: true });
    const sheet = {
      competitionId: cid,
      proposalId: xingyuan,
      items: await fullSheet(cid, 90),
      revision: 1,
      key: "judge6-key-1",
    };
    expect(await ask(recused, "score:submit", sheet)).toMatchObject({
      ok: false,
      error: "recused",
    });

    const outsider = await socketFor(server.url, "sec-chunhe");
    expect(
      await ask(outsider, "live:join", { competitionId: cid, audience: "judge" }),
    ).toMatchObject({ ok: false, error: "forbidden" });
    expect(await ask(outsider, "score:submit", { ...sheet, key: "outsider-key-1" })).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    const judge = await socketFor(server.url, "judge1");
    expect(await command(judge, cid, "closeScoring", snap.state.version)).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    // A stale version from a second host or a double click.
    expect(await command(host, cid, "closeScoring", snap.state.version - 1)).toMatchObject({
      ok: false,
      error: "staleVersion",
    });
    expect(await db.select().from(judgeScores)).toHaveLength(0);
  });

  it("loses no submitted score when the server is killed mid-scoring, and clients recover by themselves", async () => {
    const [competition] = await server.services.db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    let snap = await join(host, "host", cid);
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    const proposalId = snap.state.order[snap.state.current!]!;
    const judge = await socketFor(server.url, "judge2");
    await join(judge, "judge", cid);
    const screen = await socketFor(server.url);
    await join(screen, "screen", cid);
    expect(
      (
        await ask(judge, "score:submit", {
          competitionId: cid,
          proposalId,
          items: await fullSheet(cid, 77),
          revision: 1,
          key: "restart-key-1",
        })
      ).status,
    ).toBe("recorded");

    // Kill the server; start a new one on the same database and port.
    const port = server.port;
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ keepData: true, dataDir, env: { PORT: String(port) } });
    // Every client reconnects on its own and asks for a fresh snapshot (as the pages do).
    const recovered = await Promise.all(
      [
        [screen, "screen"],
        [judge, "judge"],
        [host, "host"],
      ].map(async ([s, audience]) => {
        const socket = s as Socket;
        if (!socket.connected) await new Promise<void>((r) => socket.once("connect", () => r()));
        return join(socket, audience as "screen", cid);
      }),
    );
    for (const s of recovered) {
      expect(s.state.stage).toBe("scoring");
      expect(s.progress).toMatchObject({ proposalId, submitted: 1 });
    }
    expect(recovered[1]!.judge!.sheet).toMatchObject({ totalHalfPoints: 154, revision: 1 });
    expect(await server.services.db.select().from(judgeScores)).toHaveLength(1);
  }, 60_000);
});

describe.runIf(OVER_HTTP)("a full show", () => {
  it("runs all 11 seeded pitches with 7 judges (6 where one is recused) to a complete leaderboard", async () => {
    const [competition] = await server.services.db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    const judges = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7].map((n) => socketFor(server.url, `judge${n}`)),
    );
    let snap = await join(host, "host", cid);
    await Promise.all(judges.map((j) => join(j, "judge", cid)));
    const drawn = waitFor<Snapshot>(
      host,
      "live:snapshot",
      (s) => s.draw?.seed === "7judges11pitches",
    );
    expect(
      (await ask(host, "host:draw", { competitionId: cid, seed: "7judges11pitches" })).ok,
    ).toBe(true);
    snap = await drawn;
    const expectedScores = new Map<number, number>();
    for (let pitch = 0; pitch < 11; pitch++) {
      for (const type of ["start", "startQa", "openScoring"])
        snap = await step(host, host, cid, type, snap);
      const proposalId = snap.state.order[snap.state.current!]!;
      const recused = new Set(snap.progress!.judges!.filter((j) => j.recused).map((j) => j.id));
      const totals: number[] = [];
      await Promise.all(
        judges.map(async (j, i) => {
          const points = 70 + ((pitch * 7 + i * 3) % 25) + (i % 2) * 0.5;
          const reply = await ask(j, "score:submit", {
            competitionId: cid,
            proposalId,
            items: await fullSheet(cid, points),
            revision: 1,
            key: `show-${pitch}-${i}-key`,
          });
          if (reply.ok) totals.push(points * 2);
          else expect(reply.error).toBe("recused");
        }),
      );
      expect(totals).toHaveLength(7 - recused.size);
      // 去掉一个最高分和一个最低分, in hundredths, rounded half up.
      const kept = [...totals].sort((a, b) => a - b).slice(1, -1);
      const sum = kept.reduce((a, b) => a + b, 0) * 50;
      expectedScores.set(proposalId, Math.floor((2 * sum + kept.length) / (2 * kept.length)));
      for (const type of ["closeScoring", "reveal", "next"])
        snap = await step(host, host, cid, type, snap);
    }
    expect(snap.state.finished).toBe(true);
    expect(snap.results).toHaveLength(11);
    for (const r of snap.results) {
      expect(r.applied).toBe("trimmed_mean");
      expect(r.score).toBe(expectedScores.get(r.proposalId));
      expect(r.judges.filter((j) => j.dropped)).toHaveLength(2);
    }
    expect(await server.services.db.select().from(judgeScores)).toHaveLength(7 * 11 - 2);
  }, 120_000);
});

describe("a real crash", () => {
  it("SIGKILL mid-scoring: after a restart every acknowledged score is there and clients carry on", async () => {
    // This test runs the built server (server-build/) as its own process so it can be killed.
    await server.close();
    const { spawn } = await import("node:child_process");
    const net = await import("node:net");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { workerDatabaseUrl, resetDb, openTestDb } = await import("../../db/testing/test-db");
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-kill-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: "always",
      COOKIE_SECURE: "false",
    };
    if (testDriver() === "postgres") {
      const h = await openTestDb();
      await resetDb(h);
      await h.close();
      Object.assign(env, {
        DATABASE_URL: workerDatabaseUrl(),
        SESSION_SECRET: "kill-test-secret-kill-test-secret-0123",
      });
    } else {
      delete env.DATABASE_URL;
    }
    const url = `http://localhost:${port}`;
    const launch = () =>
      new Promise<import("node:child_process").ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, ["server-build/index.js"], {
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        child.stdout!.on("data", (d: Buffer) => {
          if (d.toString().includes("listening on")) resolve(child);
        });
        child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
      });
    let child = await launch();
    try {
      const admin = new Browser(url);
      await admin.login("admin");
      expect(
        (
          await admin.post("/admin/competitions/1?index", {
            intent: "phase",
            phase: "roadshow",
            reason: "",
          })
        ).status,
      ).toBe(302);
      const host = await socketFor(url, "admin");
      let snap = await join(host, "host", 1);
      for (const type of ["start", "openScoring"]) snap = await step(host, host, 1, type, snap);
      const proposalId = snap.state.order[snap.state.current!]!;
      const judge = await socketFor(url, "judge4");
      await join(judge, "judge", 1);
      const sheet = {
        competitionId: 1,
        proposalId,
        items: await sheetOver(url, 83.5),
        revision: 1,
        key: "sigkill-key-1",
      };
      expect((await ask(judge, "score:submit", sheet)).status).toBe("recorded");

      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      child = await launch();

      for (const s of [host, judge])
        if (!s.connected) await new Promise<void>((r) => s.once("connect", () => r()));
      const after = await join(judge, "judge", 1);
      expect(after.state.stage).toBe("scoring");
      expect(after.progress).toMatchObject({ proposalId, submitted: 1 });
      expect(after.judge!.sheet).toMatchObject({ totalHalfPoints: 167 });
      // The tablet resends (it could not know the first one landed): still one score.
      expect((await ask(judge, "score:submit", sheet)).status).toBe("duplicate");
      const hostAfter = await join(host, "host", 1);
      expect(hostAfter.progress!.judges!.filter((j) => j.submitted).map((j) => j.name)).toEqual([
        "李芳",
      ]);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      server = await startTestServer(); // for afterEach
    }
  }, 120_000);
});

/** A sheet worth `points`, using the criteria as the snapshot reports them. */
async function sheetOver(url: string, points: number) {
  const s = await socketFor(url);
  return sheetFor((await join(s, "screen", 1)).criteria, points);
}

describe.runIf(OVER_HTTP)("the big screen's voting hint", () => {
  it("shows the scan-to-vote QR only when the competition uses the registry check", async () => {
    const db = server.services.db;
    const [competition] = await db.select().from(competitions);
    const page = async () =>
      (await new Browser(server.url).fetch(`/screen/${competition!.slug}`)).text();
    await db.update(competitions).set({ verificationMode: "token" });
    const cards = await page();
    expect(cards).not.toContain('data-testid="vote-qr"');
    expect(cards).toContain("投票卡");
    await db.update(competitions).set({ verificationMode: "registry" });
    const registry = await page();
    expect(registry).toContain('data-testid="vote-qr"');
    expect(registry).toContain("<svg");
  });
});

describe.runIf(OVER_HTTP)("judge sign-in cards (QR + PIN)", () => {
  it("issues cards once, signs a judge in with the PIN, and throttles guessing", async () => {
    const admin = new Browser(server.url);
    await admin.login("admin");
    const page = await admin.post("/admin/competitions/1/judge-cards", {});
    expect(page.status).toBe(200);
    const html = await page.text();
    const urls = [...html.matchAll(/data-testid="judge-url">([^<]+)</g)].map((m) => m[1]!);
    const pins = [...html.matchAll(/data-testid="judge-pin">(\d{6})</g)].map((m) => m[1]!);
    expect(urls).toHaveLength(7);
    expect(pins).toHaveLength(7);
    const path = new URL(urls[0]!).pathname;

    const tablet = new Browser(server.url);
    const pinPage = await tablet.fetch(path);
    expect(pinPage.status).toBe(200);
    expect(await pinPage.text()).toContain("陈立新");
    const wrong = await tablet.post(path, { pin: pins[0] === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("PIN 不正确");
    const ok = await tablet.post(path, { pin: pins[0]! });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/judge/live/1");
    expect((await tablet.fetch("/judge/live/1")).status).toBe(200);

    // Guessing: five wrong PINs lock the card for this device.
    const guesser = new Browser(server.url);
    const p2 = new URL(urls[1]!).pathname;
    for (let i = 0; i < 5; i++)
      await guesser.post(p2, {
        pin: String(100000 + i) === pins[1] ? "999999" : String(100000 + i),
      });
    const locked = await guesser.post(p2, { pin: pins[1]! });
    expect(locked.status).toBe(429);

    // Issuing again voids the old cards.
    await admin.post("/admin/competitions/1/judge-cards", {});
    expect((await new Browser(server.url).fetch(path)).status).toBe(404);
    // Only the street admin issues cards.
    const judge = new Browser(server.url);
    await judge.login("judge2");
    expect((await judge.post("/admin/competitions/1/judge-cards", {})).status).toBe(403);
  });
});

describe.runIf(OVER_HTTP)("sockets keep no rights their user has lost (issue 11)", () => {
  /** A signed-in browser and a socket opened with its cookie (and optional extra headers). */
  async function signedIn(username: string) {
    const browser = new Browser(server.url);
    await browser.login(username);
    const socket = await openSocket(server.url, { Cookie: browser.cookieHeader });
    return { browser, socket };
  }
  function openSocket(url: string, headers: Record<string, string>) {
    const socket = connect(url, {
      transports: ["websocket"],
      extraHeaders: headers,
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise<Socket>((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  }
  const serverCut = (socket: Socket) =>
    new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

  async function scoringOpen() {
    const [competition] = await server.services.db.select().from(competitions);
    const cid = competition!.id;
    const host = await socketFor(server.url, "admin");
    let snap = await join(host, "host", cid);
    for (const type of ["start", "openScoring"]) snap = await step(host, host, cid, type, snap);
    return { cid, host, snap, proposalId: snap.state.order[snap.state.current!]! };
  }

  it("re-checks the session on every score and host command: a session ended under an open socket records nothing", async () => {
    const db = server.services.db;
    const { cid, proposalId, snap } = await scoringOpen();
    const judge = await signedIn("judge1");
    await join(judge.socket, "judge", cid);
    const admin = await signedIn("admin");
    // Both sessions end in the database (expiry, or another instance's logout) with the sockets open.
    const ids = await db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.username, ["judge1", "admin"]));
    await db.delete(sessions).where(
      inArray(
        sessions.userId,
        ids.map((u) => u.id),
      ),
    );
    const cut = serverCut(judge.socket);
    expect(
      await ask(judge.socket, "score:submit", {
        competitionId: cid,
        proposalId,
        items: await fullSheet(cid, 90),
        revision: 1,
        key: "after-logout-1",
      }),
    ).toMatchObject({ ok: false, error: "sessionEnded" });
    expect(await cut).toBe("io server disconnect");
    expect(await command(admin.socket, cid, "closeScoring", snap.state.version)).toMatchObject({
      ok: false,
      error: "sessionEnded",
    });
    expect(await db.select().from(judgeScores)).toHaveLength(0);
  });

  it("cuts a user's sockets on logout, deactivation and password reset", async () => {
    const db = server.services.db;
    const { cid } = await scoringOpen();
    // Logout: the sockets of that session end; another tablet of the same judge stays.
    const one = await signedIn("judge2");
    const other = await signedIn("judge2");
    await join(one.socket, "judge", cid);
    await join(other.socket, "judge", cid);
    const cutOne = serverCut(one.socket);
    expect((await one.browser.post("/logout", {})).status).toBe(302);
    expect(await cutOne).toBe("io server disconnect");
    expect(other.socket.connected).toBe(true);

    const admin = new Browser(server.url);
    await admin.login("admin");
    // Password reset by the admin: every socket of the user ends.
    const [judge2] = await db.select().from(users).where(eq(users.username, "judge2"));
    const cutOther = serverCut(other.socket);
    expect(
      (
        await admin.post(`/admin/users/${judge2!.id}`, {
          intent: "reset-password",
          password: "a-new-password-2026",
        })
      ).status,
    ).toBe(302);
    expect(await cutOther).toBe("io server disconnect");

    // Deactivation.
    const j3 = await signedIn("judge3");
    await join(j3.socket, "judge", cid);
    const [judge3] = await db.select().from(users).where(eq(users.username, "judge3"));
    const cutJ3 = serverCut(j3.socket);
    expect(
      (
        await admin.post(`/admin/users/${judge3!.id}`, {
          intent: "update",
          displayName: judge3!.displayName,
          title: judge3!.title ?? "",
          role: "judge",
        })
      ).status,
    ).toBe(302);
    expect(await cutJ3).toBe("io server disconnect");
  });

  it("refuses a socket.io handshake from a foreign origin (the HTTP CSRF rule)", async () => {
    const browser = new Browser(server.url);
    await browser.login("admin");
    await expect(
      openSocket(server.url, { Cookie: browser.cookieHeader, Origin: "http://evil.example" }),
    ).rejects.toThrow();
    await expect(
      openSocket(server.url, { Cookie: browser.cookieHeader, Origin: "null" }),
    ).rejects.toThrow();
    const own = await openSocket(server.url, {
      Cookie: browser.cookieHeader,
      Origin: server.url,
    });
    expect(own.connected).toBe(true);
  });

  it("bounds revisions: 2147483647 cannot freeze a sheet, and an overflowing one is a clear refusal", async () => {
    const { cid, proposalId } = await scoringOpen();
    const judge = await socketFor(server.url, "judge4");
    await join(judge, "judge", cid);
    const sheet = async (revision: number, key: string, points = 80) => ({
      competitionId: cid,
      proposalId,
      items: await fullSheet(cid, points),
      revision,
      key,
    });
    expect(await ask(judge, "score:submit", await sheet(2147483647, "revision-max"))).toMatchObject(
      {
        ok: false,
        error: "badRevision",
        detail: { revision: 0 },
      },
    );
    expect(
      await ask(judge, "score:submit", await sheet(2147483648, "revision-over")),
    ).toMatchObject({
      ok: false,
      error: "badRequest",
    });
    expect((await ask(judge, "score:submit", await sheet(1, "revision-1"))).status).toBe(
      "recorded",
    );
    expect(await ask(judge, "score:submit", await sheet(22, "revision-22"))).toMatchObject({
      ok: false,
      error: "badRevision",
      detail: { revision: 1 },
    });
    // The sheet is not frozen: the next revision still corrects it.
    expect(await ask(judge, "score:submit", await sheet(2, "revision-2", 85))).toMatchObject({
      ok: true,
      status: "recorded",
      detail: { totalHalfPoints: 170 },
    });
  });
});
