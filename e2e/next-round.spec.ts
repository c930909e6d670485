import { expect, test } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// From the demo's finished show (a server of its own: e2e/start-servers.mjs): the street makes
// round two on the 新一轮 tab and finds it in the list with round one's criteria and funds, then
// compares the rounds.

test("the street creates round two from round one and sees it with the copied criteria and funds", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS.desktop);
  await login(page, "admin");
  await page.goto("/admin/competitions");
  await page
    .getByRole("link", { name: /花山街/ })
    .first()
    .click();
  await page.waitForURL(/\/admin\/competitions\/\d+$/);
  const roundOne = page.url();
  await page.goto(`${roundOne}/criteria`);
  await expect(page.getByLabel(/^1\. /)).toBeVisible();
  const names = await page
    .getByLabel(/\d+\. /)
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(names.length).toBeGreaterThan(0);

  await page.goto(roundOne);
  await page.getByRole("link", { name: "新一轮" }).click();
  await expect(page.getByRole("heading", { name: "从本轮创建新一轮" })).toBeVisible();
  await expect(page.getByLabel("年度")).toHaveValue("2027");
  await page.getByLabel("名称").fill("花山街2027年社区书记路演");
  await page.getByLabel("网址标识").fill("huashan-2027");
  await page.getByLabel(/街道惠民资金新总额/).fill("-1");
  await page.getByRole("button", { name: "创建新一轮" }).click();
  await expect(page.getByText("金额不能为负数")).toBeVisible();
  await page.getByLabel(/街道惠民资金新总额/).fill("600,000");
  await page.getByLabel(/社区基金会新总额/).fill("120,000");
  await snap(page, "next-round-form");
  await page.getByRole("button", { name: "创建新一轮" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("花山街2027年社区书记路演");
  await expect(page.getByText("已创建新一轮")).toBeVisible();

  await page
    .getByRole("link", { name: /项目路演/ })
    .first()
    .click();
  await expect(page.getByRole("link", { name: "花山街2027年社区书记路演" })).toBeVisible();
  await page.getByRole("link", { name: "花山街2027年社区书记路演" }).click();
  await page.getByRole("link", { name: "评分细则" }).click();
  await expect
    .poll(() =>
      page.getByLabel(/\d+\. /).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    )
    .toEqual(names);
  await page.getByRole("link", { name: "资金", exact: true }).click();
  await expect(page.locator('input[name="street.total"]')).toHaveValue("600,000.00");
  await expect(page.locator('input[name="foundation.total"]')).toHaveValue("120,000.00");

  // Both rounds side by side, charts and tables, on a desktop and a phone.
  await page.goto("/admin/rounds");
  await expect(page.getByTestId("rounds-money-table")).toContainText("2027 · 第");
  await expect(page.locator("[data-chart=rounds-turnout] div.sm\\:block svg")).toBeVisible();
  await snap(page, "rounds-desktop");
  await page.setViewportSize(VIEWPORTS.phone);
  await expect(page.locator("[data-chart=rounds-turnout] div.sm\\:hidden svg")).toBeVisible();
  await snap(page, "rounds-phone");
});
