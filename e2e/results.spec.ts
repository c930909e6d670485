import { expect, test } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// Starts from the demo show played to its end (db:seed --finished-show, on a database of its own:
// e2e/start-servers.mjs): the street allocates the money, publishes the 公示, a resident checks
// the receipt and files an objection on a phone, and the big screen reveals the final result.

const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

test("the street allocates and publishes; a phone reads the 公示, finds its receipt and objects; the big screen reveals the money", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");

  // One more resident votes on a phone while voting is open, and keeps the receipt.
  await admin.goto("/admin/competitions/1");
  // The show is happening now: proposals closed before it, voting runs past it (the settings
  // form refuses a schedule out of order).
  await admin.locator('[name="proposalDeadline"]').fill(beijing(Date.now() - 2 * 86400_000));
  await admin.locator('[name="roadshowAt"]').fill(beijing(Date.now() - 3 * 3600_000));
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 3600_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() + 6 * 3600_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");
  await admin.goto("/admin/competitions/1/voting");
  await admin.getByLabel("批次名称").first().fill("结果公示 测试");
  await admin.getByLabel("张数").fill("1");
  await admin.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  // The cards page renders after the post: wait for the cards before reading them.
  await expect(
    admin.getByTestId("ballot-cards").locator("[role=img][aria-label]").first(),
  ).toBeVisible();
  const [url] = await admin
    .getByTestId("ballot-cards")
    .locator("[role=img][aria-label]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!));
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const resident = await phone.newPage();
  await resident.goto(new URL(url!).pathname);
  await resident.locator('input[name="choice"]').nth(0).check();
  await resident.getByRole("button", { name: "下一步:确认" }).click();
  await resident.getByRole("button", { name: "确认投票" }).click();
  await expect(resident.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const receipt = (await resident.getByTestId("receipt").textContent())!;

  // The street runs the allocation: a draft to review, with money per fund and explanations.
  await admin.goto("/admin/competitions/1/results");
  await admin.getByLabel("分配规则").selectOption("greedy");
  await admin.getByRole("button", { name: "计算结果" }).click();
  await expect(
    admin.getByRole("heading", { level: 2, name: /待发布的计算结果 #\d+/ }),
  ).toBeVisible();
  const cards = admin.getByTestId("result-rows").locator("li[data-proposal]");
  await expect(cards.first()).toContainText("综合分");
  await expect(cards.first()).toContainText("街道惠民资金");

  // Publishing while voting is still open is not offered, and the page says why.
  await expect(admin.getByTestId("problems")).toContainText("居民投票尚未结束,不能发布公示");
  await expect(admin.getByRole("button", { name: "发布公示" })).toBeDisabled();

  // Close voting, then publish the same draft (nothing changed since it was computed).
  await admin.goto("/admin/competitions/1");
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 2 * 3600_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() - 60_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");
  await admin.goto("/admin/competitions/1/results");
  // The 公示 period defaults to the one planned in the settings; this one starts now.
  await admin.locator('[name="noticeStartsAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="noticeEndsAt"]').fill(beijing(Date.now() + 7 * 86400_000));
  await admin.getByRole("button", { name: "发布公示" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布公示");
  await expect(admin.getByTestId("published")).toContainText(/已公示的结果 #\d+/);
  const hash = (await admin.getByTestId("published").locator(".font-mono").textContent())!
    .split(":")
    .pop()!
    .trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await snap(admin, "results-admin-published");

  // The resident opens the competition's public page on the phone and follows the notice.
  await resident.goto("/p/huashan-2026");
  await resident.getByTestId("results-link").click();
  await expect(resident.getByRole("heading", { name: "结果公示" })).toBeVisible();
  await expect(resident.getByText(hash)).toBeVisible();
  await resident.getByLabel(/回执码/).fill(receipt.toLowerCase());
  await resident.getByRole("button", { name: "核对", exact: true }).click();
  await expect(resident.getByText(`回执码 ${receipt} 对应的选票已被计入`)).toBeVisible();
  await snap(resident, "results-public-phone");

  // An objection that is too short keeps what was typed and says why.
  await resident.getByLabel("异议内容").fill("不对");
  await resident.getByLabel(/联系电话/).fill("13900000000");
  await resident.getByRole("button", { name: "提交异议" }).click();
  await expect(resident.getByText("请至少写 5 个字")).toBeVisible();
  await expect(resident.getByLabel(/联系电话/)).toHaveValue("13900000000");
  await resident.getByLabel("异议内容").fill("我们社区的纸质选票好像没有全部计入,请核对。");
  await resident.getByRole("button", { name: "提交异议" }).click();
  await expect(resident.getByText("已收到您的异议,街道将在本页公开答复。")).toBeVisible();
  await expect(resident.getByTestId("objections")).toContainText("纸质选票好像没有全部计入");
  await expect(resident.getByTestId("objections")).not.toContainText("13900000000");

  // The street answers it; the answer is public.
  await admin.goto("/admin/competitions/1/results"); // (a "#objections" alone would not reload)
  const objection = admin.locator("[data-objection]").filter({ hasText: "纸质选票" });
  await expect(objection).toContainText("13900000000");
  await objection.getByLabel("街道答复").fill("已复核各投票点的两份计数,全部计入。");
  await objection.getByRole("button", { name: "公开答复" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布答复");
  await resident.reload();
  await expect(resident.getByTestId("objections")).toContainText("全部计入");

  // The A4 print layout of the notice.
  const print = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  await print.goto("/p/huashan-2026/results");
  await print.emulateMedia({ media: "print" });
  await expect(print.getByRole("button", { name: "打印公示(A4)" })).toBeHidden();
  await snap(print, "results-print-a4");

  // The final reveal: from the host console to the projector.
  const screen = await browser.newPage({ viewport: VIEWPORTS.projector });
  await screen.emulateMedia({ reducedMotion: "reduce" }); // a still picture of the end state
  await screen.goto("/screen/huashan-2026");
  await expect(screen.getByTestId("connection")).toHaveAttribute("data-connected", "true");
  await admin.goto("/admin/competitions/1/live");
  await admin.getByRole("button", { name: "大屏揭晓最终结果" }).click();
  await expect(admin.getByTestId("final-card")).toContainText("大屏正在显示已公示结果");
  await expect(screen.getByTestId("final-screen")).toBeVisible({ timeout: 15_000 });
  const open = (await (await screen.request.get("/api/competitions/1/results")).json()) as {
    output: { rows: Array<{ id: number; amounts: { street: number; foundation: number } }> };
  };
  await expect(screen.getByTestId("final-ranking").locator("li")).toHaveCount(
    open.output.rows.length,
  );
  const funded = open.output.rows.find((r) => r.amounts.street + r.amounts.foundation > 0)!;
  const yuan = ((funded.amounts.street + funded.amounts.foundation) / 100).toLocaleString("en-US", {
    minimumFractionDigits: 2,
  });
  await expect(screen.getByTestId(`final-amount-${funded.id}`)).toHaveText(yuan);
  await snap(screen, "results-final-screen-1920");
});
