import { defineConfig, devices } from "@playwright/test";

// The servers (e2e/start-servers.mjs): the demo on PGlite for most specs, one demo database
// each for the specs that move the competition through its phases (so every spec runs beside the
// others, none waits for another), and the demo on PostgreSQL for a smoke subset when one is
// there (npm test sets E2E_POSTGRES=1; the full suite runs on the embedded database).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const url = (offset: number) => `http://localhost:${PORT + offset}`;
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
    baseURL: url(0),
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // Tracing every test costs about a third of the run on two cores: a trace is kept for the
    // retry of a failed test in CI (E2E_TRACE=on traces everything when hunting a failure).
    trace: process.env.E2E_TRACE === "on" ? "on" : "on-first-retry",
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
  // Longest first, so the last spec to start is a short one.
  projects: [
    {
      // Moves the demo competition into the roadshow phase and plays one pitch.
      name: "pglite-live",
      testMatch: /live\.spec/,
      use: { ...chrome, baseURL: url(2) },
    },
    {
      // Starts from a show played to its end (db:seed --finished-show).
      name: "pglite-results",
      testMatch: /results\.spec/,
      use: { ...chrome, baseURL: url(4) },
    },
    {
      // Starts from that show with its result published and some delivery (db:seed --delivery).
      name: "pglite-delivery",
      testMatch: /delivery\.spec/,
      use: { ...chrome, baseURL: url(5) },
    },
    {
      // Reads the 效果清单 on the same server (counts only, none of the delivery spec's amounts).
      name: "pglite-dashboard",
      testMatch: /dashboard\.spec/,
      use: { ...chrome, baseURL: url(5) },
    },
    {
      // Also from a finished show: publishes it, then runs a 效果共评 round over its projects.
      name: "pglite-evaluation",
      testMatch: /evaluation\.spec/,
      use: { ...chrome, baseURL: url(6) },
    },
    {
      // A brand across two published rounds (db:seed --delivery --previous-round).
      name: "pglite-brands",
      testMatch: /brands\.spec/,
      use: { ...chrome, baseURL: url(7) },
    },
    {
      // From a finished show: the street makes round two (新一轮) and compares the rounds.
      name: "pglite-rounds",
      testMatch: /next-round\.spec/,
      use: { ...chrome, baseURL: url(8) },
    },
    {
      name: "pglite",
      testIgnore:
        /(live|vote|results|delivery|screen|dashboard|evaluation|brands|next-round)\.spec/,
      use: { ...chrome, baseURL: url(0) },
    },
    ...(WITH_POSTGRES
      ? [
          // A smoke run on PostgreSQL (the HTTP integration suites cover its routes in full): the
          // tests tagged PG_SMOKE (e2e/utils.ts). The registry spec starts its own server, on a
          // PostgreSQL database of its own.
          {
            name: "postgres",
            testMatch: /(auth|registry-proof|resources)\.spec/,
            grep: /@pg-smoke/,
            use: { ...chrome, baseURL: url(1) },
          },
        ]
      : []),
    {
      // The big screen at 7 judges/11 projects and 15 judges/30 projects, on a server the spec
      // starts for itself (own database).
      name: "screen",
      testMatch: /screen\.spec/,
      use: { ...chrome },
    },
    {
      // Moves the demo competition into the roadshow phase and votes.
      name: "pglite-vote",
      testMatch: /vote\.spec/,
      use: { ...chrome, baseURL: url(3) },
    },
  ],
  // Starts every server side by side and says when all answer (reuses running ones outside CI).
  // npm test starts them itself, beside the integration tests, and says so with
  // E2E_SERVERS=started.
  webServer:
    process.env.E2E_SERVERS === "started"
      ? undefined
      : {
          command: "node e2e/start-servers.mjs",
          wait: { stdout: /e2e servers ready/ },
          timeout: 180_000,
          env: { E2E_PORT: String(PORT) },
          stdout: "pipe",
        },
});
