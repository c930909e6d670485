// Starts the built server for the Playwright "postgres" project on a fresh database.
import { spawn } from "node:child_process";
import postgres from "postgres";

const admin = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = process.env.E2E_PG_DATABASE ?? `${process.env.TEST_DB_PREFIX ?? "roadshow"}_e2e`;
const sql = postgres(admin, { max: 1, onnotice: () => {} });
await sql.unsafe(`drop database if exists ${name} with (force)`);
await sql.unsafe(`create database ${name}`);
await sql.end();

const url = new URL(admin);
url.pathname = `/${name}`;
const child = spawn(process.execPath, ["server-build/index.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url.toString(),
    SESSION_SECRET: "e2e-postgres-session-secret-0123456789abcdef",
    SEED_DEMO: "always",
    DATA_DIR: "tmp/e2e-pg-data",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
