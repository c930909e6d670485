import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// Reads the 效果清单 of the demo with a published result and some delivery (db:seed --delivery,
// a server of its own: e2e/start-servers.mjs). Nothing here changes data.
// DASH_SHOTS=<folder> also keeps screenshots there (desktop, phone, projector).

async function keep(page: Page, name: string) {
  await snap(page, name);
  const dir = process.env.DASH_SHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const COMMUNITIES = 11;

/** A chart's picture has loaded the drawing for this screen's width (an SVG file of the server). */
async function chartShown(page: Page, id: string, width: "wide" | "narrow") {
  const img = page.locator(`[data-chart=${id}] img`);
  await expect(img).toBeVisible();
  await expect
    .poll(() =>
      img.evaluate((el: HTMLImageElement) =>
        el.complete && el.naturalWidth > 0 ? el.currentSrc : "",
      ),
    )
    .toContain(`chart-${id}-${width}.svg`);
  return img;
}

test("the street opens the 效果清单 on a desktop: every community, the street's total, charts and tables", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.desktop);
  await login(page, "admin");
  await page.getByRole("link", { name: "效果清单" }).click();
  await expect(page).toHaveURL(/\/admin\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("效果清单 · 全街道");
  const needs = page.getByTestId("needs-table");
  await expect(needs.locator("tbody tr")).toHaveCount(COMMUNITIES + 1);
  await expect(needs.locator('tr[data-row="street"]')).toContainText("全街道合计");
  // The charts are SVG drawn on the server, the desktop width loaded.
  for (const chart of ["needs", "money", "projects"]) await chartShown(page, chart, "wide");
  await expect(page.getByTestId("money-table")).toContainText("街道惠民资金已拨付");
  await expect(page.getByTestId("no-evaluation")).toHaveText("尚未开展效果共评");
  await expect(page.getByTestId("project-list").locator("li")).toHaveCount(9);
  // The competition selector works as a plain GET form.
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/competition=\d+/);
  await expect(needs.locator("tbody tr")).toHaveCount(COMMUNITIES + 1);
  await keep(page, "dashboard-street-desktop");
  await page.setViewportSize(VIEWPORTS.projector);
  await keep(page, "dashboard-street-projector");
});

test("the public 效果清单 on a phone without JavaScript shows the charts and the tables; the CSV downloads", async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: false,
  });
  const phone = await context.newPage();
  await phone.goto("/p/huashan-2026");
  await phone.getByTestId("dashboard-link").click();
  await expect(phone).toHaveURL(/\/p\/huashan-2026\/dashboard$/);
  await expect(phone.getByRole("heading", { level: 1 })).toContainText("效果清单");
  // The phone width of each chart, not the desktop one.
  const narrow = await chartShown(phone, "needs", "narrow");
  const box = (await narrow.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  expect(box.width).toBeGreaterThan(300);
  const needs = phone.getByTestId("needs-table");
  await expect(needs.locator("tbody tr")).toHaveCount(COMMUNITIES + 1);
  await chartShown(phone, "money", "narrow");
  // The page itself does not scroll sideways (wide tables scroll in their own box).
  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await keep(phone, "dashboard-public-phone");

  const [download] = await Promise.all([
    phone.waitForEvent("download"),
    phone.getByRole("link", { name: "CSV(Excel 可打开)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-效果清单\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(1 + COMMUNITIES + 1);
  expect(lines.at(-1)).toMatch(/^全街道合计,/);
  await context.close();
});

test("the public 效果清单 on a projector", async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORTS.projector });
  const page = await context.newPage();
  await page.goto("/p/huashan-2026/dashboard");
  await chartShown(page, "projects", "wide");
  await keep(page, "dashboard-public-projector");
  await page.setViewportSize(VIEWPORTS.desktop);
  await keep(page, "dashboard-public-desktop");
  await context.close();
});
