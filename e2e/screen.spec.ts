import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { ServerBuild } from "@remix-run/node";
import { parseConfig } from "../app/env.server";
import { startServer, type RunningServer } from "../app/server/start.server";
import { seedEvaluationScreenFixture, seedScreenFixture } from "../seeds/screen-fixture";
import { VIEWPORTS } from "./utils";

// The big screen at both ends of what a hall runs (issue 10): 7 judges and 11 projects, 15
// judges and 30 projects. It runs on a server of its own (the built app on its own embedded
// database, started here), so the demo competition the other specs drive is left alone.

let server: RunningServer;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-screen-"));
  // A copy of the migrated demo database e2e/start-servers.mjs made: no initdb and migrations.
  const demo = path.resolve("tmp/e2e/demo/pglite");
  if (fs.existsSync(demo)) fs.cpSync(demo, path.join(dataDir, "pglite"), { recursive: true });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = await startServer({
    config: parseConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "never",
    }),
    build,
    log: () => {},
    auditSealIntervalMs: 0,
  });
});

test.afterAll(async () => {
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const { width: W, height: H } = VIEWPORTS.projector;

async function expectInside(
  locator: Locator,
  box: { x: number; y: number; width: number; height: number },
  what: string,
) {
  const n = await locator.count();
  expect(n, `${what}: none shown`).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const b = (await locator.nth(i).boundingBox())!;
    expect(b, `${what} ${i + 1} is not rendered`).not.toBeNull();
    const inside =
      b.x >= box.x - 0.5 &&
      b.y >= box.y - 0.5 &&
      b.x + b.width <= box.x + box.width + 0.5 &&
      b.y + b.height <= box.y + box.height + 0.5;
    expect(
      inside,
      `${what} ${i + 1} at ${JSON.stringify(b)} is outside ${JSON.stringify(box)}`,
    ).toBe(true);
  }
  return n;
}

async function fontPx(locator: Locator) {
  return locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

async function checkScreen(page: Page, judges: number, projects: number, name: string) {
  await expect(page.getByTestId("screen-score")).toBeVisible();
  await expect(page.getByTestId("judge-chip")).toHaveCount(judges);
  await expect(page.getByTestId("leaderboard").locator("li")).toHaveCount(projects);
  // Past 10 projects the standing and the vote count are one table of every project.
  await expect(page.getByTestId(/^screen-votes-/)).toHaveCount(projects);
  await page.screenshot({ path: `test-results/screens/screen/${name}.png` });

  // Nothing scrolls: the page is exactly one screen.
  const overflow = await page.evaluate(() => ({
    v: document.documentElement.scrollHeight - window.innerHeight,
    h: document.documentElement.scrollWidth - window.innerWidth,
  }));
  expect(overflow.v, "the screen scrolls vertically").toBeLessThanOrEqual(0);
  expect(overflow.h, "the screen scrolls horizontally").toBeLessThanOrEqual(0);

  const viewport = { x: 0, y: 0, width: W, height: H };
  // Every chip inside the screen; every row inside its panel (the panels clip what overflows).
  await expectInside(page.getByTestId("screen-score"), viewport, "score");
  await expectInside(page.getByTestId("judge-chip"), viewport, "judge chip");
  const standingPanel = (await page.getByTestId("standing-panel").boundingBox())!;
  await expectInside(page.getByTestId("standing-panel"), viewport, "standing panel");
  await expectInside(page.getByTestId("how-to-vote"), viewport, "how to vote");
  await expectInside(page.getByTestId("leaderboard").locator("li"), standingPanel, "standing row");
  await expectInside(page.getByTestId(/^screen-votes-/), standingPanel, "vote count");

  // Large type: the score and each judge's number ≥ 40 px, list rows ≥ 28 px.
  expect(await fontPx(page.getByTestId("screen-score"))).toBeGreaterThanOrEqual(40);
  const chipNumbers = page.getByTestId("judge-chip-score");
  for (let i = 0; i < judges; i++)
    expect(await fontPx(chipNumbers.nth(i)), `judge chip ${i + 1}`).toBeGreaterThanOrEqual(40);
  for (const list of ["leaderboard"]) {
    const rows = page.getByTestId(list).locator("li");
    for (let i = 0; i < projects; i++)
      expect(await fontPx(rows.nth(i)), `${list} row ${i + 1}`).toBeGreaterThanOrEqual(28);
  }
  // No row is cut short by an ellipsis on its number.
  for (const list of ["leaderboard"]) {
    const clipped = await page
      .getByTestId(list)
      .locator("[data-number]")
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
    expect(clipped, `${list}: numbers cut off`).toBe(0);
  }
}

// The large end also shows the voting QR code (the most crowded screen).
for (const [judges, projects, qr] of [
  [7, 11, false],
  // The longest single-column table (the judge scores shown too), with the QR.
  [15, 15, true],
  [15, 30, true],
] as const) {
  test(`big screen with ${judges} judges and ${projects} projects fits 1920×1080 in large type`, async ({
    browser,
  }) => {
    const slug = `screen-${judges}-${projects}`;
    await seedScreenFixture(server.services.db, { judges, projects, slug, qr });
    const context = await browser.newContext({ viewport: VIEWPORTS.projector });
    const page = await context.newPage();
    await page.goto(`${server.url}/screen/${slug}`);
    await expect(page.getByTestId("vote-qr")).toHaveCount(qr ? 1 : 0);
    await checkScreen(page, judges, projects, `screen-${judges}j-${projects}p-1920`);
    await context.close();
  });
}

// A 效果共评 round's screen: per project the mean (one decimal), how many rated and the spread
// over 1–5 stars (rating mode), or the approvals and their share (approval mode), sorted, at
// the sizes a round has: a few projects, one column of 10, two columns of 15.
for (const [rule, projects, qr] of [
  ["rating", 5, true],
  ["rating", 10, false],
  ["rating", 30, true],
  ["rating", 14, false],
  ["approval", 11, false],
] as const) {
  test(`效果共评 screen, ${rule} mode, ${projects} projects, fits 1920×1080 in large type`, async ({
    browser,
  }) => {
    const slug = `eval-screen-${rule}-${projects}`;
    await seedEvaluationScreenFixture(server.services.db, {
      projects,
      slug,
      rule,
      ballots: 40,
      qr,
    });
    const context = await browser.newContext({ viewport: VIEWPORTS.projector });
    const page = await context.newPage();
    await page.goto(`${server.url}/screen/${slug}`);
    await expect(page.getByTestId("big-screen")).toHaveAttribute("data-evaluation", rule);
    await expect(page.getByTestId("vote-qr")).toHaveCount(qr ? 1 : 0);
    await expect(page.getByTestId("screen-ballots")).toHaveText("40");
    await expect(page.getByTestId("connection")).toHaveAttribute("data-connected", "true");
    const rows = page.getByTestId("evaluation-standing").locator("li[data-proposal]");
    await expect(rows).toHaveCount(projects);
    await page.screenshot({
      path: `test-results/screens/screen/evaluation-${rule}-${projects}p-1920.png`,
    });

    const overflow = await page.evaluate(() => ({
      v: document.documentElement.scrollHeight - window.innerHeight,
      h: document.documentElement.scrollWidth - window.innerWidth,
    }));
    expect(overflow.v, "the screen scrolls vertically").toBeLessThanOrEqual(0);
    expect(overflow.h, "the screen scrolls horizontally").toBeLessThanOrEqual(0);
    const panel = (await page.getByTestId("evaluation-standing").boundingBox())!;
    await expectInside(rows, panel, "row");
    await expectInside(
      page.getByTestId("how-to-vote"),
      { x: 0, y: 0, width: W, height: H },
      "how to vote",
    );
    const figures = page.getByTestId(rule === "rating" ? /^screen-mean-/ : /^screen-votes-/);
    await expectInside(figures, panel, "figure");
    for (let i = 0; i < projects; i++) {
      expect(
        await fontPx(rows.nth(i).getByTestId("screen-name")),
        `row ${i + 1}`,
      ).toBeGreaterThanOrEqual(28);
      expect(await fontPx(figures.nth(i)), `figure ${i + 1}`).toBeGreaterThanOrEqual(36);
    }
    if (rule === "rating") {
      // Sorted by mean: the figures shown never rise down the list (rated ones first).
      const means = (await figures.allTextContents()).filter((m) => m !== "—").map(Number);
      expect(means).toEqual([...means].sort((a, b) => b - a));
      await expect(page.getByTestId("screen-legend")).toBeVisible();
      const spread = await rows
        .first()
        .getByTestId("screen-spread")
        .getAttribute("data-distribution");
      expect(
        spread!
          .split(",")
          .map(Number)
          .reduce((a, n) => a + n, 0),
      ).toBeGreaterThan(0);
    } else {
      const votes = (await figures.allTextContents()).map(Number);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
    }
    await context.close();
  });
}
