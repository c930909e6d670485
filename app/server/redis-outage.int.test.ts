/**
 * Redis is a helper, never a single point of failure. Two instances share a private
 * redis-server (never the shared one on 6379); it is killed with SIGKILL: both keep serving
 * logins, votes and pages, a third instance starts while it is down, /healthz says
 * "redis-degraded"; Redis comes back on the same port and cross-instance broadcast works again.
 * An unhandled rejection or a console.error anywhere fails the run.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { competitions, users } from "../../db/schema";
import { getBallot, issueBatch } from "../models/ballot.server";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;

const redisServerInstalled = spawnSync("redis-server", ["--version"]).status === 0;

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

function killHard(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function health(server: Server) {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function onceEvent<T>(socket: Socket, event: string, ms = 10_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

async function judgeSocket(server: Server) {
  const judge = new Browser(server.url);
  await judge.login("judge1");
  const socket = connect(server.url, {
    transports: ["websocket"],
    extraHeaders: { Cookie: judge.cookieHeader },
  });
  await onceEvent(socket, "hello");
  return socket;
}

/** Publishes from one instance until a judge's socket on another receives it. */
async function crossInstance(from: Server, to: Server, n: number) {
  const socket = await judgeSocket(to);
  const received = onceEvent<{ n: number }>(socket, "ping:test", 20_000);
  // The adapter needs a moment to (re)start reading its stream.
  const timer = setInterval(() => from.realtime.publish("role:judge", "ping:test", { n }), 200);
  try {
    expect(await received).toEqual({ n });
  } finally {
    clearInterval(timer);
    socket.disconnect();
  }
}

/** Opens the demo competition's vote on this instance's database; returns fresh cards. */
async function openVoting(server: Server, count: number) {
  const db = server.services.db;
  const [c] = await db.select().from(competitions);
  await db
    .update(competitions)
    .set({
      phase: "voting",
      votingOpensAt: new Date(Date.now() - 3600_000),
      votingClosesAt: new Date(Date.now() + 3600_000),
    })
    .where(eq(competitions.id, c!.id));
  const projectIds = (await getBallot(db, c!.id, true))!.projects.map((p) => p.id);
  const [admin] = await db.select().from(users).where(eq(users.username, "admin"));
  const { tokens } = await issueBatch(
    db,
    { userId: admin!.id, label: "test" },
    {
      competitionId: c!.id,
      name: `outage ${Date.now()}-${Math.random()}`,
      communityId: null,
      count,
    },
  );
  return { projectIds, tokens: tokens.map((t) => t.token) };
}

/** Everything a resident, a judge and a visitor do must keep working. */
async function keepsServing(server: Server, token: string, projectId: number) {
  const b = new Browser(server.url);
  expect(await b.login("judge1")).toBe("/judge");
  expect((await b.fetch("/judge")).status).toBe(200);
  const wrong = await new Browser(server.url).post("/login", {
    username: "admin",
    password: "not-the-password",
  });
  expect(wrong.status).toBe(400);
  expect((await fetch(`${server.url}/p/huashan-2026`)).status).toBe(200);
  expect((await fetch(`${server.url}/v/${token}`)).status).toBe(200);
  const vote = await fetch(`${server.url}/api/ballots/${token}`, {
    method: "POST",
    body: new URLSearchParams({ choice: String(projectId) }),
  });
  expect(vote.status).toBe(200);
  expect(await vote.json()).toMatchObject({ ok: true, status: "cast" });
  const unknown = await fetch(`${server.url}/api/ballots/${"x".repeat(30)}`, {
    method: "POST",
    body: new URLSearchParams({ choice: String(projectId) }),
  });
  expect(unknown.status).toBe(404);
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe.runIf(redisServerInstalled)("Redis going away under two instances", () => {
  it("keeps serving degraded, starts a new instance degraded, and recovers broadcast", async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    let redis = await startRedis(port);
    cleanups.push(() => killHard(redis));
    const stream = `roadshow-outage-${process.pid}-${Date.now()}`;

    const a = await startTestServer({ redisUrl, redisStreamName: stream });
    cleanups.push(() => a.close());
    const b = await startTestServer({ redisUrl, redisStreamName: stream, keepData: true });
    cleanups.push(() => b.close());
    const votesA = await openVoting(a, 3);
    const votesB = await openVoting(b, 3);
    for (const s of [a, b]) expect((await health(s)).body).toMatchObject({ realtime: "redis" });
    await crossInstance(a, b, 1);

    // A judge stays connected to A through the outage.
    const stayer = await judgeSocket(a);
    // Another one is there when Redis dies and loses its transport (its session is persisted).
    const leaver = await judgeSocket(b);

    await killHard(redis);
    for (const s of [a, b]) {
      const h = await until("degraded health", async () => {
        const r = await health(s);
        return r.body.realtime === "redis-degraded" ? r : undefined;
      });
      expect(h).toEqual({
        status: 200,
        body: { ok: true, db: expect.any(String), realtime: "redis-degraded", redis: "down" },
      });
    }
    leaver.io.engine.close();

    await keepsServing(a, votesA.tokens[0]!, votesA.projectIds[0]!);
    await keepsServing(b, votesB.tokens[0]!, votesB.projectIds[0]!);

    // Broadcasts still reach this instance's own sockets, at once.
    const local = onceEvent<{ n: number }>(stayer, "ping:test", 3000);
    a.realtime.publish("role:judge", "ping:test", { n: 2 });
    expect(await local).toEqual({ n: 2 });

    // A new instance starts while Redis is down.
    const c = await startTestServer({ redisUrl, redisStreamName: stream, keepData: true });
    cleanups.push(() => c.close());
    expect(await health(c)).toMatchObject({ status: 200, body: { realtime: "redis-degraded" } });
    const votesC = await openVoting(c, 3);
    await keepsServing(c, votesC.tokens[0]!, votesC.projectIds[0]!);

    // Some time passes with Redis down (the old code exited ~10 s in on a dropped promise).
    await new Promise((r) => setTimeout(r, 4000));
    await keepsServing(a, votesA.tokens[1]!, votesA.projectIds[0]!);

    // Redis comes back (empty) on the same port.
    redis = await startRedis(port);
    for (const s of [a, b, c]) {
      await until("redis health", async () =>
        (await health(s)).body.realtime === "redis" ? true : undefined,
      );
    }
    await crossInstance(a, b, 3);
    await crossInstance(c, a, 4);
    await crossInstance(b, c, 5);
    await keepsServing(b, votesB.tokens[1]!, votesB.projectIds[0]!);
    stayer.disconnect();
  }, 300_000);
});
