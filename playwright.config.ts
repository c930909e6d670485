import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = PORT + 1;
// The full suite runs on the embedded database (the default install); a smoke subset also
// runs against a server on real PostgreSQL when one is there (npm test sets E2E_POSTGRES=1).
const WITH_POSTGRES = process.env.E2E_POSTGRES === "1";
const chrome = { ...devices["Desktop Chrome"], channel: undefined };
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    },
  },
  // The live-roadshow spec moves the demo competition into the roadshow phase, so it runs after
  // the other specs on the same server; voting follows it, and results close the year.
  projects: [
    {
      name: "pglite",
      testIgnore: /(live|vote|results|screen)\.spec/,
      use: { ...chrome, baseURL: `http://localhost:${PORT}` },
    },
    {
      name: "pglite-live",
      testMatch: /live\.spec/,
      dependencies: ["pglite"],
      use: { ...chrome, baseURL: `http://localhost:${PORT}` },
    },
    {
      name: "pglite-vote",
      testMatch: /vote\.spec/,
      dependencies: ["pglite-live"],
      use: { ...chrome, baseURL: `http://localhost:${PORT}` },
    },
    {
      name: "pglite-results",
      testMatch: /results\.spec/,
      dependencies: ["pglite-vote"],
      use: { ...chrome, baseURL: `http://localhost:${PORT}` },
    },
    {
      // The big screen at 7 judges/11 projects and 15 judges/30 projects, on a server the spec
      // starts for itself (own database): independent of the chain above.
      name: "screen",
      testMatch: /screen\.spec/,
      use: { ...chrome },
    },
    ...(WITH_POSTGRES
      ? [
          // A smoke run on PostgreSQL (the HTTP integration suites cover its routes in full):
          // sign-in for every role, the proposal flow from draft to review, and residents'
          // registry check (that spec starts its own server, on a PostgreSQL database of its own).
          {
            name: "postgres",
            testMatch: /(auth|proposal-flow|registry-proof)\.spec/,
            use: { ...chrome, baseURL: `http://localhost:${PG_PORT}` },
          },
        ]
      : []),
  ],
  webServer: [
    {
      // The built production server on a fresh embedded PGlite, seeded with the demo data.
      command: "rm -rf tmp/e2e-data && npm start",
      url: `http://localhost:${PORT}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      env: { PORT: String(PORT), DATA_DIR: "tmp/e2e-data", NODE_ENV: "production" },
      stdout: "pipe",
    },
    ...(WITH_POSTGRES
      ? [
          {
            // The same build on a fresh real PostgreSQL database.
            command: "node e2e/start-postgres-server.mjs",
            url: `http://localhost:${PG_PORT}/healthz`,
            reuseExistingServer: !process.env.CI,
            timeout: 120_000,
            env: { PORT: String(PG_PORT) },
            stdout: "pipe" as const,
          },
        ]
      : []),
  ],
});
