import { expect, test, type Browser, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

/**
 * 任务清单 in a real browser, on the demo with its result published and some delivery done
 * (db:seed --delivery, on a database of its own: e2e/start-servers.mjs). On 春和社区's project
 * (a first tranche of 30 % paid, two progress notes, a milestone done, some spending): the street
 * pays a tranche and is refused in words over the grant, keeping what it typed; the community's
 * secretary, on a phone, posts progress with a photo, marks a milestone done and records
 * spending with a receipt; a resident's phone shows the timeline and granted / paid / spent.
 */

const PROJECT = "“春和议事厅”楼道微治理";

const yuan = (text: string) => Number(text.replace(/[^\d.]/g, ""));
const money = (fen: number) =>
  (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A photo as a phone would send it: a PNG drawn by the browser itself. */
async function photo(browser: Browser, label: string, color: string) {
  const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;height:100vh;background:${color};color:#fff;font:48px sans-serif">${label}</body>`,
  );
  const buffer = await page.screenshot({ type: "png" });
  await page.close();
  return buffer;
}

/** Console errors and page errors (a hydration mismatch, a photo that does not load). */
function watchErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${String(error)}`));
}

/** Loads the page afresh from the server and waits until it is hydrated. */
async function reload(page: Page) {
  await page.reload();
  await page.waitForFunction(() => "__remixRouter" in window);
}

/** The money totals of a delivery's reading, in 分. */
async function totals(page: Page) {
  const box = page.getByTestId("delivery-totals");
  const read = async (key: string) =>
    Math.round(yuan((await box.locator(`[data-money="${key}"]`).textContent())!) * 100);
  return { granted: await read("granted"), paid: await read("paid"), spent: await read("spent") };
}

test("the street pays a tranche within the grant, the secretary reports progress, a phone reads it all", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];

  // ── The street: the competition's 任务清单 tab, one project, a tranche ───────────────────────
  const street = await browser.newPage({ viewport: VIEWPORTS.desktop });
  watchErrors(street, errors);
  await login(street, "admin");
  await street.goto("/admin/competitions/1/deliveries");
  await expect(street.getByRole("link", { name: "任务清单", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const card = street.locator("li[data-delivery]", { hasText: PROJECT });
  await expect(card).toContainText("进行中");
  await expect(card).toContainText("春和社区");
  await snap(street, "street-tab-desktop");
  for (const [name, viewport] of [
    ["phone", VIEWPORTS.phone],
    ["tablet", VIEWPORTS.tablet],
  ] as const) {
    await street.setViewportSize(viewport);
    await snap(street, `street-tab-${name}`);
  }
  await street.setViewportSize(VIEWPORTS.desktop);

  await card.getByRole("link", { name: PROJECT }).click();
  await expect(street.getByRole("heading", { name: PROJECT })).toBeVisible();
  await reload(street);
  // The tab stays marked on the project's page.
  await expect(street.getByRole("link", { name: "任务清单", exact: true }).first()).toHaveAttribute(
    "aria-current",
    "page",
  );
  const before = await totals(street);
  const pay = street.locator("form#pay");
  const fund = pay.getByLabel("资金");
  const option = (await fund.locator("option:checked").textContent())!;
  const remaining = Math.round(yuan(option.split("可拨付")[1]!) * 100);
  expect(remaining).toBeGreaterThan(0);

  // More than the fund has left: refused in words beside the amount, what was typed kept.
  const over = String((remaining + 100_000) / 100);
  await pay.getByLabel("金额(元)").fill(over);
  await pay.getByLabel("备注").fill("第二笔拨付");
  await pay.getByRole("button", { name: "拨付" }).click();
  await expect(pay.getByRole("alert")).toHaveText(
    `超过资助金额:这笔资金最多还能拨付 ${money(remaining)} 元`,
  );
  await expect(pay.getByLabel("金额(元)")).toHaveValue(over);
  await expect(pay.getByLabel("备注")).toHaveValue("第二笔拨付");
  expect(await totals(street)).toEqual(before);
  await snap(street, "street-delivery-refused-desktop");

  // Within the grant: paid, in the tranche list and the totals.
  await pay.getByLabel("金额(元)").fill("20000");
  await pay.getByRole("button", { name: "拨付" }).click();
  await expect(street.getByRole("status").first()).toContainText("已拨付 20,000.00 元");
  await expect(street.locator("li[data-tranche]", { hasText: "第二笔拨付" })).toContainText(
    "20,000.00",
  );
  expect((await totals(street)).paid).toBe(before.paid + 2_000_000);
  // The form starts empty again: a second click does not pay the same tranche twice.
  await expect(pay.getByLabel("金额(元)")).toHaveValue("");
  await expect(pay.getByLabel("备注")).toHaveValue("");
  await snap(street, "street-delivery-desktop");
  await street.setViewportSize(VIEWPORTS.phone);
  await snap(street, "street-delivery-phone");

  // ── The community's secretary, on a phone ───────────────────────────────────────────────────
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const sec = await phone.newPage();
  watchErrors(sec, errors);
  await login(sec, "sec-chunhe");
  await sec.getByRole("link", { name: "任务清单" }).first().click();
  await expect(sec).toHaveURL(/\/secretary\/deliveries$/);
  await sec.getByRole("link", { name: PROJECT }).click();
  await expect(sec.getByRole("heading", { name: PROJECT })).toBeVisible();
  await reload(sec);

  // Progress with a photo.
  const note = "充电桩基础浇筑完成,楼栋长和志愿者 8 人参与现场监督。";
  const update = sec.locator("form#update");
  await update.getByLabel("进展说明").fill(note);
  await update.getByLabel("照片").setInputFiles({
    name: "现场照片.png",
    mimeType: "image/png",
    buffer: await photo(browser, "现场照片", "#2f6f4f"),
  });
  await update.getByRole("button", { name: "发布进展" }).click();
  await expect(sec.getByRole("status").first()).toContainText("进展已发布");
  const posted = sec.locator("li[data-update]", { hasText: note });
  await expect(posted.locator("img")).toHaveCount(1);
  await expect(update.getByLabel("进展说明")).toHaveValue("");

  // A milestone done.
  const milestones = sec.getByRole("heading", { name: /^里程碑 \d+\/\d+$/ });
  const [done, total] = (await milestones.textContent())!.match(/\d+/g)!.map(Number);
  const open = sec.locator("li[data-milestone]", {
    has: sec.getByRole("button", { name: "标记完成" }),
  });
  await open.first().getByRole("button", { name: "标记完成" }).click();
  await expect(sec.getByRole("status").first()).toContainText("里程碑已更新");
  await expect(milestones).toHaveText(`里程碑 ${done! + 1}/${total}`);

  // Spending on a budget line, with its receipt.
  const spend = sec.locator("form#spend");
  const line = spend.getByLabel("预算行");
  await line.selectOption({ index: 2 });
  await spend.getByLabel("金额(元)").fill("1200");
  await spend.getByLabel("用途说明").fill("门禁读卡器 4 个");
  await spend.getByLabel("票据(照片或 PDF)").setInputFiles({
    name: "发票.png",
    mimeType: "image/png",
    buffer: await photo(browser, "发票", "#8a5a00"),
  });
  await spend.getByRole("button", { name: "登记支出" }).click();
  await expect(sec.getByRole("status").first()).toContainText("支出已登记");
  const spent = sec.locator("li[data-spending]", { hasText: "门禁读卡器 4 个" });
  await expect(spent).toContainText("1,200.00");
  await expect(spent.getByRole("link", { name: /票据/ })).toBeVisible();
  expect((await totals(sec)).spent).toBe(before.spent + 120_000);
  await expect(spend.getByLabel("金额(元)")).toHaveValue("");
  await sec.evaluate(() => window.scrollTo(0, 0));
  await snap(sec, "secretary-delivery-phone");
  for (const [name, viewport] of [
    ["tablet", VIEWPORTS.tablet],
    ["desktop", VIEWPORTS.desktop],
  ] as const) {
    await sec.setViewportSize(viewport);
    await snap(sec, `secretary-delivery-${name}`);
  }
  const publicHref = (await sec.getByRole("link", { name: "公开页面" }).getAttribute("href"))!;

  // ── A resident's phone: the public project page ─────────────────────────────────────────────
  const resident = await (
    await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true })
  ).newPage();
  watchErrors(resident, errors);
  await resident.goto(publicHref);
  await resident.waitForFunction(() => "__remixRouter" in window);
  const section = resident.locator("#delivery");
  await expect(section.getByRole("heading", { name: "任务清单" })).toBeVisible();
  await expect(section.getByRole("heading", { name: "执行进展" })).toBeVisible();
  await expect(section.locator("li[data-update]").first()).toContainText(note);
  const picture = section.locator("li[data-update]", { hasText: note }).locator("img");
  await expect(picture).toBeVisible();
  // The photo is served to anyone, and is an image.
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await totals(resident)).toEqual({
    granted: before.granted,
    paid: before.paid + 2_000_000,
    spent: before.spent + 120_000,
  });
  // Receipts are the street's and the community's, not the public's.
  await expect(section).not.toContainText("票据");
  // Nothing sticks out of a phone's width.
  expect(
    await resident.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
  ).toBe(true);
  await snap(resident, "public-project-phone");
  for (const [name, viewport] of [
    ["tablet", VIEWPORTS.tablet],
    ["desktop", VIEWPORTS.desktop],
  ] as const) {
    await resident.setViewportSize(viewport);
    await snap(resident, `public-project-${name}`);
  }
  // Nothing but the refused tranche's own answer (a 400, which the browser reports).
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(errors).toHaveLength(1);
});
