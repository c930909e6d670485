import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// Ballot cards and paper counts as the street office uses them (issue 10).

test("the print shop's CSV downloads as a file, with and without JavaScript; a lost batch is voided whole, issued again and printed 9 to a sheet", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1/voting");
  // The e2e server runs without PUBLIC_URL: the admin is told before anything is printed.
  await expect(admin.getByTestId("qr-address-warning")).toContainText("服务器没有设置 PUBLIC_URL");

  const form = admin.locator("#generate");
  await form.getByLabel("批次名称").fill("春和社区 印刷厂批");
  await form.getByLabel("所属社区").selectOption({ label: "春和社区" });
  await form.getByLabel("张数").fill("5");
  const downloading = admin.waitForEvent("download");
  await form.getByRole("button", { name: "生成并下载 CSV(印刷厂)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^投票卡-春和社区_印刷厂批-\d+\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("url,check_code,batch,typed_code");
  expect(lines).toHaveLength(6);
  expect(lines[1]).toMatch(
    /^http:\/\/localhost:\d+\/v\/1\.[A-Za-z0-9_-]{20,},[2-9A-Z]{6},春和社区 印刷厂批,[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/,
  );
  // The new batch is listed at once.
  const row = admin.getByTestId("batches").locator("tr", { hasText: "春和社区 印刷厂批" });
  await expect(row).toContainText("5");
  await snap(admin, "cards-csv-downloaded");

  // Without JavaScript the browser downloads the file itself.
  const noJs = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await login(plain, "admin");
  await plain.goto("/admin/competitions/1/voting");
  const plainForm = plain.locator("#generate");
  await plainForm.getByLabel("批次名称").fill("无脚本批");
  await plainForm.getByLabel("张数").fill("2");
  const plainDownloading = plain.waitForEvent("download");
  await plainForm.getByRole("button", { name: "生成并下载 CSV(印刷厂)" }).click();
  const plainDownload = await plainDownloading;
  expect(plainDownload.suggestedFilename()).toMatch(/^投票卡-无脚本批-\d+\.csv$/);
  expect(
    fs
      .readFileSync(await plainDownload.path(), "utf8")
      .trim()
      .split("\r\n"),
  ).toHaveLength(3);
  await noJs.close();

  // The print shop lost the file: void the batch whole, with a reason.
  await row.getByText("作废整批").click();
  await row.getByLabel("原因").fill("印刷厂文件丢失");
  await row.getByRole("button", { name: "作废 5 张未使用的卡" }).click();
  await expect(admin.getByRole("status").first()).toContainText(
    "已作废“春和社区 印刷厂批”中未使用的 5 张卡",
  );
  await expect(
    admin
      .getByTestId("batches")
      .locator("tr", { hasText: "春和社区 印刷厂批" })
      .locator("td")
      .nth(4),
  ).toHaveText("5");

  // …and issue it again, this time on A4 sheets: the form comes filled in.
  await expect(form.getByLabel("批次名称")).toHaveValue("春和社区 印刷厂批(重发)");
  await expect(form.getByLabel("所属社区")).toHaveValue(/\d+/);
  await expect(form.getByLabel("张数")).toHaveValue("5");
  await form.getByLabel("张数").fill("10");
  await form.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  await expect(admin.getByTestId("ballot-cards").locator("li")).toHaveCount(10);
  await expect(admin.getByTestId("card-sheet")).toHaveCount(2);
  await expect(admin.getByTestId("qr-address-warning")).toBeVisible();
  await snap(admin, "cards-sheets-screen");

  // In print: no admin chrome, 9 cards a sheet, so 10 cards take 2 A4 pages.
  await admin.emulateMedia({ media: "print" });
  await expect(admin.getByRole("button", { name: "打印" })).toBeHidden();
  await expect(admin.getByRole("link", { name: "居民投票" })).toBeHidden();
  await expect(admin.getByRole("button", { name: "退出登录" })).toBeHidden();
  await expect(admin.getByTestId("qr-address-warning")).toBeHidden();
  const qr = await admin.locator("[data-testid=ballot-cards] [role=img]").first().boundingBox();
  // 46 mm at 96 dpi is 174 px: a QR code a phone reads from arm's length.
  expect(qr!.width).toBeGreaterThan(170);
  await snap(admin, "cards-sheets-print");
  const pdf = await admin.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
});

test("a clerk types full-width digits, and the tally counts the new station at once", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1/voting");
  const summary = admin.getByTestId("tally-table").locator("xpath=following-sibling::p");
  const stations = async () =>
    Number(/投票点已确认 \d+ \/ (\d+)/.exec((await summary.textContent()) ?? "")![1]);
  const before = await stations();
  const stationForm = admin.locator("form", {
    has: admin.getByRole("button", { name: "添加投票点" }),
  });
  await stationForm.getByLabel("所属社区").selectOption({ label: "春和社区" });
  await stationForm.getByLabel("投票点名称").fill("春和全角测试站");
  await stationForm.getByRole("button", { name: "添加投票点" }).click();
  await expect(admin.getByTestId("stations")).toContainText("春和全角测试站");
  // The summary under the tally follows at once (it used to keep the old count).
  await expect(summary).toContainText(new RegExp(`投票点已确认 \\d+ / ${before + 1}`));

  // Two clerks count it; the first types with a Chinese IME (full-width digits).
  for (const [username, digits] of [
    ["clerk1", { cast: "１０", invalid: "１０", zero: "０" }],
    ["clerk2", { cast: "10", invalid: "10", zero: "0" }],
  ] as const) {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
    const clerk = await context.newPage();
    await login(clerk, username);
    await clerk.goto("/clerk/1");
    await clerk.getByRole("link", { name: /春和全角测试站/ }).click();
    await clerk.getByLabel("收到选票总数").fill(digits.cast);
    await clerk.getByLabel("无效票").fill(digits.invalid);
    for (const input of await clerk.locator('input[name^="votes-"]').all())
      await input.fill(digits.zero);
    await clerk.getByRole("button", { name: "提交计数" }).click();
    await expect(clerk.getByRole("status").first()).toContainText("已提交计数");
    await expect(clerk.getByTestId("station-status")).not.toHaveText("未录入");
    if (username === "clerk1") {
      await expect(clerk.getByLabel("收到选票总数")).toHaveValue("10");
      await snap(clerk, "clerk-full-width-saved");
    } else {
      await expect(clerk.getByTestId("station-status")).toHaveText("两次录入一致,已确认");
    }
    await context.close();
  }
  await admin.reload();
  await expect(
    admin.getByTestId("stations").locator("li", { hasText: "春和全角测试站" }),
  ).toContainText("两次录入一致,已确认");
});
