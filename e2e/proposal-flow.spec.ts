import { expect, test, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

const NEED = "五栋电梯口夜间照明不足";
const TITLE = "五栋电梯口照明改造";

async function fillLine(
  page: Page,
  i: number,
  item: string,
  qty: string,
  unit: string,
  price: string,
) {
  await page.locator(`[name="budgetLines[${i}].item"]`).fill(item);
  await page.locator(`[name="budgetLines[${i}].quantity"]`).fill(qty);
  await page.locator(`[name="budgetLines[${i}].unit"]`).fill(unit);
  await page.locator(`[name="budgetLines[${i}].unitPrice"]`).fill(price);
}

test("a proposal goes from a resident need to a public page", async ({ browser }) => {
  test.setTimeout(180_000);
  // ── The secretary records a need and drafts a proposal answering it ──────────────────
  const secretary = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(secretary, "sec-chunhe");
  await secretary.goto("/secretary/needs");
  const needForm = secretary.locator("form#new-need");
  await needForm.getByLabel("需求", { exact: true }).fill(NEED);
  await needForm.getByLabel("具体描述").fill("五栋电梯口晚上很黑,老人进出不安全。");
  await needForm.getByLabel("来源").selectOption("visit");
  await needForm.getByLabel("提出人数").fill("23");
  await needForm.getByRole("button", { name: "登记需求" }).click();
  await expect(secretary.getByRole("status")).toContainText("已登记需求");
  await expect(secretary.getByRole("cell", { name: new RegExp(NEED) })).toBeVisible();
  await snap(secretary, "needs-secretary-desktop");

  await secretary.goto("/secretary/proposals");
  await secretary.getByLabel(/新建/).first().fill(TITLE);
  await secretary.getByRole("button", { name: "新建微项目" }).first().click();
  await expect(secretary).toHaveURL(/\/secretary\/proposals\/\d+$/);
  const editUrl = secretary.url();
  const id = Number(editUrl.split("/").pop());

  await secretary.getByLabel("一句话简介").fill("让五栋老人夜里进出电梯口看得清、走得稳。");
  await secretary
    .getByLabel("解决的问题(居民急难愁盼)")
    .fill("五栋电梯口无照明,夜间老人进出易摔倒。");
  await secretary.getByLabel(NEED).check();
  await secretary.getByLabel("受益对象").fill("五栋 86 户居民,其中 60 岁以上老人 40 人");
  await secretary.getByLabel("受益人数").fill("210");
  await secretary.getByLabel("实施方案").fill("安装感应照明、防滑地垫,楼栋长负责日常巡查。");
  await secretary.getByRole("button", { name: "+ 添加里程碑" }).click();
  await secretary.locator('[name="milestones[0].title"]').fill("灯具安装完成");
  await secretary.locator('[name="milestones[0].dueOn"]').fill("2027-03-15");
  for (let i = 0; i < 3; i++) await secretary.getByRole("button", { name: "+ 添加预算行" }).click();
  await fillLine(secretary, 0, "感应照明灯具", "6", "套", "350");
  await fillLine(secretary, 1, "防滑地垫", "12.5", "平方米", "80");
  await fillLine(secretary, 2, "安装人工", "2", "工日", "400.5");
  // 6 × 350 + 12.5 × 80 + 2 × 400.50 = 2,100 + 1,000 + 801 = 3,901.00
  await expect(secretary.getByTestId("budget-total").first()).toHaveText("3,901.00");
  await secretary.locator('[name="requests[0].amount"]').fill("3,000");
  await secretary.locator('[name="requests[1].amount"]').fill("500");
  await secretary.getByLabel("项目团队").fill("楼栋长王师傅、社区网格员、物业电工。");
  // Autosave keeps it on the server before the deck upload leaves the page.
  await expect(secretary.getByTestId("autosave-status")).toContainText("已自动保存", {
    timeout: 10_000,
  });
  await secretary
    .locator('input[type="file"][name="files"]')
    .setInputFiles("e2e/fixtures/deck.pdf");
  await secretary.getByRole("button", { name: "上传" }).click();
  await expect(secretary.getByRole("status").first()).toContainText("已上传 1 个文件");
  await expect(secretary.getByLabel("一句话简介")).toHaveValue(
    "让五栋老人夜里进出电梯口看得清、走得稳。",
  );
  await expect(secretary.locator('[name="budgetLines[2].unitPrice"]')).toHaveValue("400.5");
  await snap(secretary, "proposal-edit-desktop");
  await secretary.getByRole("button", { name: "提交审核" }).click();
  await expect(secretary).toHaveURL(`/proposals/${id}`);
  await expect(secretary.getByRole("status").first()).toContainText("已提交");

  // ── The street returns it with a reason ──────────────────────────────────────────────
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1/proposals");
  await admin.getByRole("link", { name: TITLE }).click();
  await expect(admin).toHaveURL(`/proposals/${id}`);
  await expect(admin.getByTestId("budget-total")).toHaveText("3,901.00");
  await snap(admin, "proposal-review-desktop");
  await admin.getByLabel("审核意见").fill("请补充灯具型号和报价来源。");
  await admin.getByText("逐项意见(可选)").click();
  await admin.getByLabel("预算明细").fill("灯具单价请附两家报价");
  await admin.getByRole("button", { name: "退回修改" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已退回");

  // ── The secretary fixes and resubmits ────────────────────────────────────────────────
  await secretary.goto(editUrl);
  await expect(secretary.getByRole("note").first()).toContainText("请补充灯具型号和报价来源。");
  await expect(secretary.getByText("灯具单价请附两家报价")).toBeVisible();
  await secretary
    .locator('[name="budgetLines[0].note"]')
    .fill("飞利浦感应灯,两家报价 350 元 / 368 元");
  await secretary.getByRole("button", { name: "修改完成,重新提交" }).click();
  await expect(secretary).toHaveURL(`/proposals/${id}`);
  await expect(secretary.getByTestId("history")).toContainText("重新提交");

  // ── The street accepts it ────────────────────────────────────────────────────────────
  await admin.reload();
  await admin.getByRole("button", { name: "通过", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已通过该项目");
  await expect(admin.getByTestId("history")).toContainText("审核通过");

  // ── Anyone can read it on a phone, without logging in ───────────────────────────────
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const resident = await phone.newPage();
  await resident.goto("/p/huashan-2026");
  await resident.getByRole("link", { name: new RegExp(TITLE) }).click();
  await expect(resident).toHaveURL(`/p/huashan-2026/${id}`);
  await expect(resident.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(resident.getByText(NEED)).toBeVisible();
  await expect(resident.getByTestId("budget-total")).toHaveText("3,901.00");
  await expect(resident.getByRole("link", { name: /deck\.pdf/ })).toBeVisible();
  const overflow = await resident.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(resident, "public-proposal-phone");
  await resident.goto("/p/huashan-2026");
  await snap(resident, "public-list-phone");
  await phone.close();
});

test("the proposal pages read well at phone, tablet and desktop sizes", async ({ page }) => {
  await login(page, "admin");
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    for (const [label, path] of [
      ["competition", "/admin/competitions/1"],
      ["criteria", "/admin/competitions/1/criteria"],
      ["review-queue", "/admin/competitions/1/proposals"],
      ["needs-all", "/admin/needs"],
      ["proposal", "/proposals/1"],
    ] as const) {
      await page.goto(path);
      await snap(page, `${label}-${name}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${label} overflows at ${name}`).toBeLessThanOrEqual(0);
    }
  }
});

test("the criteria editor keeps the sum at 100 and says so in Chinese", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/competitions/1/criteria");
  await expect(page.getByTestId("criteria-sum")).toHaveText("合计 100 分");
  await page.locator('[name="criteria[0].maxPoints"]').fill("25");
  await expect(page.getByTestId("criteria-sum")).toHaveText("合计 105 分");
  await page.getByRole("button", { name: "保存评分细则" }).click();
  await expect(page.getByText("各项满分合计必须为 100 分(当前 105 分)")).toBeVisible();
  await expect(page.locator('[name="criteria[0].maxPoints"]')).toHaveValue("25");
});

test("typing survives a dropped network: kept on the device, saved when back online", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: VIEWPORTS.tablet });
  const page = await context.newPage();
  await login(page, "sec-lanyuan");
  await page.goto("/secretary/proposals");
  await page.getByLabel(/新建/).first().fill("断网也不丢的草稿");
  await page.getByRole("button", { name: "新建微项目" }).first().click();
  await expect(page).toHaveURL(/\/secretary\/proposals\/\d+$/);
  await context.setOffline(true);
  await page.getByLabel("一句话简介").fill("信号不好的会议室里写的简介");
  await expect(page.getByTestId("autosave-status")).toContainText("网络中断", { timeout: 10_000 });
  await context.setOffline(false);
  await expect(page.getByTestId("autosave-status")).toContainText("已自动保存", {
    timeout: 20_000,
  });
  await page.reload();
  await expect(page.getByLabel("一句话简介")).toHaveValue("信号不好的会议室里写的简介");
  await context.close();
});
