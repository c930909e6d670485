import { expect, test, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// Residents vote while the show runs, on a demo database of its own (e2e/start-servers.mjs).

const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

/** Goes to the confirmation step with what is ticked, confirms, and returns the receipt. */
async function confirm(page: Page, expectedChoices: number, name: string) {
  await page.getByRole("button", { name: "下一步:确认" }).click();
  await expect(page.getByRole("heading", { name: "请确认您的选择" })).toBeVisible();
  await expect(page.getByTestId("confirm-list").locator("li")).toHaveCount(expectedChoices);
  await snap(page, `vote-confirm-${name}`);
  await page.getByRole("button", { name: "确认投票" }).click();
  await expect(page.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return (await page.getByTestId("receipt").textContent())!;
}

test("residents vote from printed QR cards on phones, with and without JavaScript, and the big screen tally moves", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1");
  // The show is on: voting runs beside it.
  await admin.getByLabel("切换到").selectOption("roadshow");
  await admin.getByRole("button", { name: "切换阶段" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已切换到");
  // The show is happening now: proposals closed before it, voting runs past it (the settings
  // form refuses a schedule out of order).
  await admin.locator('[name="proposalDeadline"]').fill(beijing(Date.now() - 2 * 86400_000));
  await admin.locator('[name="roadshowAt"]').fill(beijing(Date.now() - 3 * 3600_000));
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 3600_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() + 6 * 3600_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");

  await admin.goto("/admin/competitions/1/voting");
  await admin.getByLabel("批次名称").first().fill("兰园社区 第一批");
  await admin.getByLabel("所属社区").first().selectOption({ label: "兰园社区" });
  await admin.getByLabel("张数").fill("4");
  await admin.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  await expect(admin.getByTestId("ballot-cards").locator("li")).toHaveCount(4);
  await snap(admin, "vote-cards-print");
  const urls = await admin
    .getByTestId("ballot-cards")
    .locator("[role=img][aria-label]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!));
  expect(urls).toHaveLength(4);
  const path = (u: string) => new URL(u).pathname;

  const screen = await browser.newPage({ viewport: VIEWPORTS.projector });
  await screen.goto("/screen/huashan-2026");
  await expect(screen.getByTestId("connection")).toHaveAttribute("data-connected", "true");

  // With JavaScript, on a phone.
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const resident = await phone.newPage();
  await resident.goto(path(urls[0]!));
  await expect(resident.getByText("请选择您支持的项目,最多选 3 个")).toBeVisible();
  await snap(resident, "vote-ballot-phone");
  // The page stops a fourth choice before the server has to.
  for (const i of [0, 1, 2]) await resident.locator('input[name="choice"]').nth(i).check();
  await expect(resident.locator('input[name="choice"]').nth(3)).toBeDisabled();
  await expect(resident.getByTestId("chosen-count")).toHaveText("已选 3 / 3");
  await resident.locator('input[name="choice"]').nth(2).uncheck();
  const receipt = await confirm(resident, 2, "phone");
  await snap(resident, "vote-receipt-phone");
  expect(receipt).toBeTruthy();

  // The big screen's tally picks the vote up by itself.
  await expect(screen.getByTestId("screen-tally")).toBeVisible({ timeout: 15_000 });
  await expect(screen.getByTestId("screen-ballots")).toHaveText("1");
  await snap(screen, "vote-screen-tally-1920");

  // The receipt checks out on the public page.
  await resident.getByRole("link", { name: "核对回执码" }).click();
  await expect(resident.getByText(`回执码 ${receipt} 对应的选票已被计入`)).toBeVisible();

  // Without JavaScript (a plain form post), on another card.
  const noJs = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
  const old = await noJs.newPage();
  await old.goto(path(urls[1]!));
  for (const i of [0, 1, 2, 3]) await old.locator('input[name="choice"]').nth(i).check();
  await old.getByRole("button", { name: "下一步:确认" }).click();
  await expect(old.getByRole("alert")).toContainText("最多只能选 3 个项目");
  await expect(old.locator('input[name="choice"]:checked')).toHaveCount(4);
  await old.locator('input[name="choice"]').nth(3).uncheck();
  await old.locator('input[name="choice"]').nth(2).uncheck();
  const receipt2 = await confirm(old, 2, "phone-nojs");
  expect(receipt2).not.toBe(receipt);
  await expect(screen.getByTestId("screen-ballots")).toHaveText("2", { timeout: 15_000 });
  // Both ballots chose the first two projects (in whichever layout the screen lists them).
  await expect(screen.getByTestId(/screen-votes-/).filter({ hasText: /^2$/ })).toHaveCount(2);

  // A used card says so and shows its receipt again; nothing more is recorded.
  await old.goto(path(urls[1]!));
  await expect(old.getByRole("heading", { name: "这张选票已经投过了" })).toBeVisible();
  await expect(old.getByTestId("receipt")).toHaveText(receipt2);

  // The admin's tally and turnout show both channels live.
  await admin.goto("/admin/competitions/1/voting");
  await expect(admin.getByTestId("turnout")).toContainText("兰园社区");
  await expect(admin.getByTestId("turnout")).toContainText("2 / 4");
  await snap(admin, "vote-admin-tally");
});
