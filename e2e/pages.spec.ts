import { expect, test, type Page } from "@playwright/test";
import { login } from "./utils";

/**
 * Key pages hydrate without a console error: the server's HTML is the client's first render
 * (no NUL bytes from the streaming renderer, no time-zone or locale differences).
 */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  // Hydrated: Remix's client router has taken over the page.
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
  const html = await page.content();
  expect(html).not.toContain("\u0000");
  expect(html).not.toContain("\uFFFD");
}

test("public pages hydrate without errors", async ({ page }) => {
  const errors = watchErrors(page);
  for (const path of ["/", "/login", "/p/huashan-2026", "/p/huashan-2026/results", "/brands/1"]) {
    await visit(page, path);
  }
  await page.goto("/p/huashan-2026");
  await page.locator('a[href^="/p/huashan-2026/"]').first().click();
  await expect(page).toHaveURL(/\/p\/huashan-2026\/\d+$/);
  await page.reload();
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("staff pages hydrate without errors", async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, "admin");
  // /audit: times are Beijing time formatted the same on server and client (no hydration errors).
  for (const path of [
    "/admin",
    "/admin/competitions",
    "/admin/users",
    "/admin/needs",
    "/admin/brands",
    "/admin/brands/1",
    "/audit",
  ]) {
    await visit(page, path);
  }
  await page.goto("/admin/competitions");
  await page.locator('a[href^="/admin/competitions/"]').first().click();
  await page.waitForLoadState("networkidle");
  await page.reload();
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("a secretary's pages hydrate without errors", async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, "sec-chunhe");
  for (const path of ["/secretary", "/secretary/needs", "/secretary/proposals"]) {
    await visit(page, path);
  }
  expect(errors).toEqual([]);
});

test("the competition's forms hydrate without errors and refuse a bad value beside its field", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await login(page, "admin");
  for (const tab of ["criteria", "judges", "judge-cards", "voting"])
    await visit(page, `/admin/competitions/1/${tab}`);
  // Checked in the browser, with the same schema as the server: nothing is sent.
  const station = page.locator("form", { has: page.getByRole("button", { name: "添加投票点" }) });
  await station.getByLabel("投票点名称").fill(" ");
  await station.getByRole("button", { name: "添加投票点" }).click();
  await expect(station.getByText("请填写此项")).toBeVisible();
  await expect(station.getByLabel("投票点名称")).toHaveAttribute("aria-invalid", "true");
  expect(errors).toEqual([]);
});
