/** Starts the real server (real Remix build, real database) for integration tests. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { competitions, deliveries, proposals } from "../../db/schema";
import { testDriver } from "../../db/testing/env";
import { cloneWorkerDb, pgliteSnapshot, workerDatabaseUrl } from "../../db/testing/test-db";
import { simulateFinishedShow, type SimulationOptions } from "../../seeds/simulate";
import { parseConfig } from "../env.server";
import { getBallot } from "../models/ballot.server";
import { startServer } from "../server/start.server";
import { toLocalInput } from "../utils/datetime";

let buildPromise: Promise<ServerBuild> | undefined;

function loadBuild() {
  const file = path.resolve("build/index.js");
  if (!fs.existsSync(file))
    throw new Error("build/index.js is missing: run `npm run build` before the integration tests");
  buildPromise ??= import(pathToFileURL(file).href) as Promise<ServerBuild>;
  return buildPromise;
}

interface TestServerOptions {
  redisUrl?: string;
  redisStreamName?: string;
  /** Reuse this data folder (PGlite) instead of a fresh one. */
  dataDir?: string;
  /** Keep the database as it is (do not empty it first). */
  keepData?: boolean;
  env?: Record<string, string>;
  /** Move pending ballots every this many ms (default: the server's own; 0 = only at start). */
  ballotFlushIntervalMs?: number;
}

export async function startTestServer(options: TestServerOptions = {}) {
  const driver = testDriver();
  // A fresh demo database: on PostgreSQL a new copy of the run's seeded template; on PGlite
  // a new embedded database from the run's seeded dump (below).
  if (!options.keepData && driver === "postgres") await cloneWorkerDb("seeded");
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-it-"));
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ...(driver === "postgres" ? { DATABASE_URL: workerDatabaseUrl() } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const server = await startServer({
    config,
    build: await loadBuild(),
    log: () => {},
    auditSealIntervalMs: 0,
    ballotFlushIntervalMs: options.ballotFlushIntervalMs,
    redisStreamName: options.redisStreamName,
    pgliteSnapshot: driver === "pglite" && !options.dataDir ? pgliteSnapshot("seeded") : undefined,
  });
  return { ...server, dataDir };
}

/** A tiny cookie-keeping HTTP client for one user. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private base: string) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Posts a form (repeated fields as URLSearchParams), as a browser without JavaScript does. */
  post(pathname: string, form: Record<string, string> | URLSearchParams) {
    return this.fetch(pathname, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  async login(username: string, password = "huashan2026") {
    const res = await this.post("/login", { username, password });
    if (res.status !== 302) throw new Error(`login as ${username} failed: ${res.status}`);
    return res.headers.get("Location");
  }
}

/** A Browser logged in as this user. */
export async function loggedIn(base: string, username: string) {
  const b = new Browser(base);
  await b.login(username);
  return b;
}

/**
 * Puts the seeded demo competition into its voting phase, open for an hour either side of now,
 * with cards and the registry both accepted. Returns its id, slug and the ballot's project ids.
 */
export async function openDemoVoting(db: Db) {
  const [c] = await db.select().from(competitions);
  await db
    .update(competitions)
    .set({
      phase: "voting",
      votingOpensAt: new Date(Date.now() - 3600_000),
      votingClosesAt: new Date(Date.now() + 3600_000),
      verificationMode: "both",
    })
    .where(eq(competitions.id, c!.id));
  const projectIds = (await getBallot(db, c!.id, true))!.projects.map((p) => p.id);
  return { competitionId: c!.id, slug: c!.slug, projectIds };
}

/**
 * Plays the seeded demo competition to its end (judges' scores, online ballots, paper counts at
 * the given stations: seeds/simulate) and returns its id, slug and the online ballots' receipts.
 */
export async function finishDemoShow(db: Db, options: SimulationOptions) {
  const [c] = await db.select().from(competitions);
  const { receipts } = await simulateFinishedShow(db, c!.id, options);
  return { competitionId: c!.id, slug: c!.slug, receipts };
}

/** The results tab's run form with the usual settings (greedy; judges, then votes, then lot). */
export function runForm(extra: Record<string, string> = {}) {
  return {
    intent: "run",
    residentRule: "top",
    tie1: "judge",
    tie2: "votes",
    tie3: "lot",
    lotSeed: "20261125",
    rule: "greedy",
    ...extra,
  };
}

/** Runs the results as the street (over HTTP, as its form does) and returns the draft's id. */
export async function runDraft(
  admin: Browser,
  competitionId: number,
  extra: Record<string, string> = {},
) {
  const path = `/admin/competitions/${competitionId}/results`;
  const ran = await admin.post(path, runForm(extra));
  if (ran.status !== 302) throw new Error(`the run was refused: ${ran.status}`);
  const page = await (await admin.fetch(path)).text();
  return Number(/待发布的计算结果 #(\d+)/.exec(page)![1]);
}

/** Publishes a draft as the street, its 公示 open from an hour ago for a week. */
export async function publishDraft(admin: Browser, competitionId: number, runId: number) {
  const now = Date.now();
  const published = await admin.post(`/admin/competitions/${competitionId}/results`, {
    intent: "publish",
    runId: String(runId),
    noticeStartsAt: toLocalInput(new Date(now - 3600_000)),
    noticeEndsAt: toLocalInput(new Date(now + 7 * 86400_000)),
  });
  if (published.status !== 302) throw new Error(`publishing was refused: ${published.status}`);
}

/**
 * Plays the demo show to its end (finishDemoShow) and publishes the street's result over HTTP,
 * so the funded projects have their deliveries (任务清单). Returns what finishDemoShow does, the
 * street's browser and the deliveries with their proposal and community.
 */
export async function publishedDemoShow(
  server: { url: string; services: { db: Db } },
  options: SimulationOptions,
) {
  const db = server.services.db;
  const show = await finishDemoShow(db, options);
  const admin = await loggedIn(server.url, "admin");
  await publishDraft(admin, show.competitionId, await runDraft(admin, show.competitionId));
  const delivered = await db
    .select({
      id: deliveries.id,
      proposalId: deliveries.proposalId,
      communityId: proposals.communityId,
    })
    .from(deliveries)
    .innerJoin(proposals, eq(proposals.id, deliveries.proposalId));
  return { ...show, admin, delivered };
}
