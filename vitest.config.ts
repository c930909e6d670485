import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests share one PostgreSQL server: each worker gets its own database
// (db/testing/global-setup.ts). Two workers fit this 2-core machine.
const INTEGRATION_WORKERS = Number(process.env.INTEGRATION_WORKERS ?? 2);

// What runs on which database (npm test runs the integration project once per driver).
// Suites that drive the app over HTTP test routes, not the driver: they run on PostgreSQL, and
// the embedded database serves the same routes in the full Playwright run. Suites about the
// embedded database itself (its data-folder lock) run on PGlite only. TEST_SCOPE=all runs
// everything on the chosen driver.
const HTTP_SUITES = [
  "app/server/*-http.int.test.ts",
  // every action and API with malformed input as every role; the permission matrix and start-up
  "app/server/fuzz.int.test.ts",
  "app/server/start.int.test.ts",
  "app/server/log-safety.int.test.ts",
  "app/server/redis-outage.int.test.ts",
];
const PGLITE_ONLY = [
  "db/data-dir-lock.int.test.ts",
  // migrates an in-memory PGlite of its own from an old schema
  "db/station-votes-migration.int.test.ts",
  "db/brands-migration.int.test.ts",
];
const driver = process.env.TEST_DB ?? "postgres";
const scoped = process.env.TEST_SCOPE !== "all";
const driverExcludes = !scoped ? [] : driver === "pglite" ? HTTP_SUITES : PGLITE_ONLY;

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "realtime/**/*.test.ts", "seeds/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["db/testing/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**", ...driverExcludes],
          environment: "node",
          globalSetup: ["db/testing/global-setup.ts"],
          setupFiles: ["db/testing/fail-on-console-error.ts"],
          pool: "forks",
          maxWorkers: INTEGRATION_WORKERS,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { INTEGRATION_WORKERS: String(INTEGRATION_WORKERS) },
        },
      },
    ],
  },
});
