// Starts the built servers the Playwright projects run against, side by side, and prints
// "e2e servers ready" once every one answers /healthz (playwright.config.ts waits for that line;
// its own webServers would start one after another). Each server has a database of its own, so
// the specs that move the demo competition through its phases run beside the others:
//
//   E2E_PORT      the demo on PGlite: sign-in, pages, cards, proposal flow (project "pglite")
//   E2E_PORT + 1  the demo on a fresh PostgreSQL database: the smoke subset (E2E_POSTGRES=1)
//   E2E_PORT + 2  the demo on PGlite for the live-roadshow spec
//   E2E_PORT + 3  the demo on PGlite for the voting spec
//   E2E_PORT + 4  the demo on PGlite with its show played to the end (db:seed --finished-show),
//                 for the results spec
//   E2E_PORT + 5  the same finished show with its result published and some delivery done
//                 (db:seed --delivery), for the delivery (任务清单) spec and the
//                 效果清单 (dashboard) spec, which only reads
//   E2E_PORT + 6  the finished show, for the 效果共评 spec (it publishes the result, then opens a
//                 round)
//   E2E_PORT + 7  the finished show published with some delivery and the round a year before it
//                 published too (db:seed --delivery --previous-round), for the brands spec
//   E2E_PORT + 8  the finished show, for the 新一轮 spec (the street makes round two from it)
//
// The demo database is made once (migrate + seed, the slow part on PGlite) and copied for each;
// the finished show is played once too, and copied for the servers that start from it.
// Outside CI a server already answering on its port is reused.
import { spawn } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const ROOT = "tmp/e2e";
/** The demo database the PGlite servers start from (e2e/screen.spec.ts starts from it too). */
const DEMO_DATA_DIR = `${ROOT}/demo`;
const reuse = !process.env.CI;

const children = new Set();
const stop = (signal) => {
  for (const child of children) child.kill(signal);
  process.exit(signal === "SIGINT" ? 130 : 143);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

async function healthy(port) {
  try {
    return (await fetch(`http://localhost:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

async function waitHealthy(port, child) {
  let exited = false;
  child.once("exit", () => (exited = true));
  while (!(await healthy(port))) {
    if (exited) throw new Error(`the e2e server for port ${port} exited`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The environment of a process on the embedded database in `dataDir`. */
function pgliteEnv(dataDir) {
  const env = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return env;
}

function start(port, env) {
  const child = spawn(process.execPath, ["server-build/index.js"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...env, PORT: String(port) },
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return waitHealthy(port, child);
}

/** Runs a command of the build (server-build/cli) on an embedded database. */
function cli(name, dataDir, args = []) {
  const child = spawn(process.execPath, [`server-build/cli/${name}.js`, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: pgliteEnv(dataDir),
  });
  children.add(child);
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${name} ${args.join(" ")} failed (exit ${code})`));
    }),
  );
}

/**
 * A fresh data folder `to` as a copy of `from`: the embedded database and the session secret
 * (the finished show's ballots are sealed with the key it gives).
 */
function copyData(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

async function pgliteServers(servers) {
  const wanted = [];
  for (const s of servers) if (!(reuse && (await healthy(s.port)))) wanted.push(s);
  if (!wanted.length) return;
  fs.rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
  await cli("db-seed", DEMO_DATA_DIR);
  // The show played to its end, once, for every server that starts from it.
  let finished;
  const finishedShow = () =>
    (finished ??= (async () => {
      const dataDir = `${ROOT}/finished`;
      copyData(DEMO_DATA_DIR, dataDir);
      await cli("db-seed", dataDir, ["--finished-show"]);
      return dataDir;
    })());
  await Promise.all(
    wanted.map(async ({ port, name, from, seed }) => {
      const dataDir = `${ROOT}/${name}`;
      copyData(from === "finished" ? await finishedShow() : DEMO_DATA_DIR, dataDir);
      if (seed) await cli("db-seed", dataDir, seed);
      await start(port, pgliteEnv(dataDir));
    }),
  );
}

async function postgresServer(port) {
  if (reuse && (await healthy(port))) return;
  const admin = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = process.env.E2E_PG_DATABASE ?? `${process.env.TEST_DB_PREFIX ?? "roadshow"}_e2e`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await start(port, {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url.toString(),
    SESSION_SECRET: "e2e-postgres-session-secret-0123456789abcdef",
    SEED_DEMO: "always",
    DATA_DIR: `${ROOT}/postgres`,
  });
}

try {
  await Promise.all([
    pgliteServers([
      { port: PORT, name: "main" },
      { port: PORT + 2, name: "live" },
      { port: PORT + 3, name: "vote" },
      { port: PORT + 4, name: "results", from: "finished" },
      { port: PORT + 5, name: "delivery", from: "finished", seed: ["--delivery"] },
      { port: PORT + 6, name: "evaluation", from: "finished" },
      {
        port: PORT + 7,
        name: "brands",
        from: "finished",
        seed: ["--delivery", "--previous-round"],
      },
      { port: PORT + 8, name: "rounds", from: "finished" },
    ]),
    process.env.E2E_POSTGRES === "1" ? postgresServer(PORT + 1) : undefined,
  ]);
  console.log(`e2e servers ready (${Math.round(performance.now() / 1000)} s)`);
} catch (error) {
  console.error(error);
  stop("SIGTERM");
}
