import { expect, test } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// A brand across rounds: the demo with its result published (db:seed --delivery) and the round
// a year before it, played and published too (db:seed --previous-round), on a server of its own
// (e2e/start-servers.mjs). The public brand page on a phone shows both rounds.

test("the public brand page on a phone, without JavaScript, shows the brand and both rounds", async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: false,
  });
  const phone = await context.newPage();
  // From the competition's public list, the brand's link beside its project.
  await phone.goto("/p/huashan-2026");
  await phone.getByRole("link", { name: /白羊山儿童友好型社区/ }).click();
  await expect(phone).toHaveURL(/^http:\/\/[^/]+\/brands\/\d+$/);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("白羊山儿童友好型社区");
  await expect(phone.getByText("儿童友好", { exact: true })).toBeVisible();
  await expect(phone.getByText("培育中", { exact: true })).toBeVisible();
  await expect(phone.getByText(/儿童议事会提案/)).toBeVisible();
  await expect(phone.getByText("高新区首届社会创新大赛杰出公益项目")).toBeVisible();
  const rounds = phone.getByTestId("brand-round");
  await expect(rounds).toHaveCount(2);
  await expect(rounds.nth(0)).toContainText("花山街道2025年度社区书记路演");
  await expect(rounds.nth(0)).toContainText("(一期)");
  await expect(rounds.nth(1)).toContainText("2026");
  for (const i of [0, 1]) {
    await expect(rounds.nth(i)).toContainText("评委得分");
    await expect(rounds.nth(i)).toContainText("居民投票");
    await expect(rounds.nth(i)).toContainText("执行情况");
  }
  // Nothing wider than the phone.
  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(phone, "brand-phone");
  // A round's project links to its public page.
  await rounds
    .nth(0)
    .getByRole("link", { name: /(一期)/ })
    .click();
  await expect(phone).toHaveURL(/\/p\/huashan-2025\/\d+$/);
  await expect(phone.getByRole("link", { name: "白羊山儿童友好型社区" })).toBeVisible();
  await context.close();
});

test("the street marks a brand 成熟 and records an honour; the public page shows it", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.desktop);
  await login(page, "admin");
  await page.getByRole("link", { name: "一社一品" }).click();
  await expect(page).toHaveURL(/\/admin\/brands$/);
  await page.getByRole("link", { name: "兰园老年友好型社区" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("兰园老年友好型社区");
  await page.getByLabel("推广范围").fill("全街道 11 个社区");
  await page.getByRole("button", { name: "认定为成熟品牌" }).click();
  await expect(page.getByText(/认定成熟 · 推广至 全街道 11 个社区/).first()).toBeVisible();
  await page.getByLabel("荣誉名称").fill("武汉市老年友好型社区");
  await page.getByLabel("授予单位").fill("武汉市卫健委");
  await page.getByRole("button", { name: "添加荣誉" }).click();
  await expect(page.getByText("武汉市老年友好型社区").first()).toBeVisible();
  await snap(page, "brand-admin-desktop");
  await page.getByRole("link", { name: "公开页面" }).click();
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/brands\/\d+$/);
  await expect(page.getByText("成熟", { exact: true })).toBeVisible();
  await expect(page.getByText("武汉市老年友好型社区")).toBeVisible();
  await expect(page.getByTestId("brand-round")).toHaveCount(2);
  await snap(page, "brand-desktop");
});
