import { expect, test, type Browser, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// Runs on a demo database of its own (e2e/start-servers.mjs): it moves the demo competition into
// the roadshow phase.

async function open(
  browser: Browser,
  viewport: { width: number; height: number },
  user?: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 1300 });
  const page = await context.newPage();
  if (user) await login(page, user);
  return page;
}

/** Sets every criterion to `halfPoints` with its slider (the ± buttons are tried on their own). */
async function scoreAll(judge: Page, halfPoints: number) {
  const sliders = judge.getByRole("slider");
  const count = await sliders.count();
  for (let i = 0; i < count; i++) await sliders.nth(i).fill(String(halfPoints));
}

test("one pitch from start to reveal: host console, judge tablets and the big screen stay in step", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const host = await open(browser, VIEWPORTS.desktop, "admin");
  await host.goto("/admin/competitions/1");
  await host.getByLabel("切换到").selectOption("roadshow");
  await host.getByRole("button", { name: "切换阶段" }).click();
  await expect(host.getByRole("status").first()).toContainText("已切换到");

  const screen = await open(browser, VIEWPORTS.projector);
  await screen.goto("/screen/huashan-2026");
  const judge = await open(browser, VIEWPORTS.tablet, "judge1");
  await judge.goto("/judge/live/1");
  const judge2 = await open(browser, VIEWPORTS.tabletPortrait, "judge2");
  await judge2.goto("/judge/live/1");
  const judge3 = await open(browser, VIEWPORTS.tablet, "judge3");
  await judge3.goto("/judge/live/1");

  await host.goto("/admin/competitions/1/live");
  await expect(host.getByTestId("connection")).toHaveAttribute("data-connected", "true");
  await host.getByLabel("随机种子(留空则自动生成)").fill("202612180930");
  await host.getByRole("button", { name: "抽签决定顺序" }).click();
  await expect(host.getByText("抽签种子:202612180930")).toBeVisible();
  await expect(screen.getByText("抽签种子:202612180930")).toBeVisible();
  await snap(screen, "live-screen-draw-1920");

  await host.getByRole("button", { name: /开始路演/ }).click();
  const title = (await host.getByTestId("host-current").textContent())!;
  await expect(screen.getByTestId("screen-title")).toHaveText(title);
  await expect(judge.getByTestId("judge-title")).toHaveText(title);
  await expect(screen.getByTestId("countdown")).toHaveText(/0[45]:\d\d/);
  await snap(screen, "live-screen-pitch-1920");
  await snap(judge, "live-judge-waiting-1024");

  // Keyboard shortcuts on the console: Q → Q&A, O → open scoring.
  await host.keyboard.press("q");
  await expect(screen.getByTestId("screen-stage")).toHaveText("评委提问");
  // The console must have the new state before the next key (a key pressed on a stale state is
  // refused as stale by the server, by design).
  await expect(host.getByTestId("host-stage")).toHaveText("评委提问");
  await expect(screen.getByTestId("countdown")).toHaveText(/0[23]:\d\d/);
  await host.keyboard.press("o");
  await expect(judge.getByTestId("judge-stage")).toContainText("评委打分");

  // Judge 1 scores on a landscape tablet.
  await scoreAll(judge, 30);
  await expect(judge.getByTestId("sheet-total")).toHaveText("90");
  await snap(judge, "live-judge-scoring-1024");
  await judge.getByRole("button", { name: "提交评分" }).click();
  await expect(judge.getByTestId("sheet-status")).toContainText("已提交,合计 90 分");
  await expect(screen.getByTestId("screen-progress")).toContainText("评委已提交 1 /");
  // She corrects her sheet without reloading: 90 → 88, and the correction counts.
  const minus = judge.getByRole("button", { name: /−0\.5$/ }).first();
  for (let k = 0; k < 4; k++) await minus.click();
  await expect(judge.getByTestId("sheet-total")).toHaveText("88");
  await expect(judge.getByTestId("sheet-status")).toContainText("已提交 90 分;您改动了评分");
  await judge.getByRole("button", { name: "修改并重新提交" }).click();
  await expect(judge.getByTestId("sheet-status")).toContainText("已提交,合计 88 分");
  await expect(screen.getByTestId("screen-progress")).toContainText("评委已提交 1 /");

  // Judge 2's connection drops while submitting: the sheet waits on the tablet and goes out on reconnect.
  await scoreAll(judge2, 26);
  await expect(judge2.getByTestId("sheet-total")).toHaveText("78");
  await judge2.context().setOffline(true);
  await expect(judge2.getByTestId("connection")).toHaveAttribute("data-connected", "false", {
    timeout: 30_000,
  });
  await judge2.getByRole("button", { name: "提交评分" }).click();
  await expect(judge2.getByTestId("sheet-status")).toContainText("网络中断");
  await snap(judge2, "live-judge-offline-800");
  await judge2.context().setOffline(false);
  await expect(judge2.getByTestId("sheet-status")).toContainText("已提交,合计 78 分", {
    timeout: 30_000,
  });
  await expect(screen.getByTestId("screen-progress")).toContainText("评委已提交 2 /");
  await expect(host.getByTestId("host-judges").locator('[data-submitted="true"]')).toHaveCount(2);
  await snap(host, "live-host-scoring-1440");
  // The tablet layouts: 1024×768 and 1280×800, both orientations.
  for (const size of [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
    { width: 1280, height: 800 },
    { width: 800, height: 1280 },
  ]) {
    await judge.setViewportSize(size);
    await expect(judge.getByTestId("sheet-total")).toBeVisible();
    const overflow = await judge.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `judge tablet overflows at ${size.width}×${size.height}`).toBeLessThanOrEqual(
      0,
    );
    await snap(judge, `live-judge-sent-${size.width}x${size.height}`);
  }

  // A reload of the big screen comes back to the same state.
  await screen.reload();
  await expect(screen.getByTestId("screen-progress")).toContainText("评委已提交 2 /");

  // Close with judges missing: the console asks first.
  host.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("尚未提交");
    void dialog.accept();
  });
  await host.getByRole("button", { name: /结束打分/ }).click();
  await expect(judge.getByTestId("sheet-status")).toContainText(
    "评分已结束,已锁定。您的评分:88 分",
  );
  // Judge 3 never submitted: told so, not asked to wait.
  await expect(judge3.getByTestId("sheet-status")).toHaveText("评分已结束,您未提交");
  // Her tablet had died: the host reopens scoring with a reason, she scores, the host closes again.
  await host.getByRole("button", { name: "重新打开打分" }).click();
  await expect(host.getByRole("alert")).toHaveText("请填写原因");
  await host.getByLabel("重新打开打分的原因").fill("张伟的平板死机");
  await host.getByRole("button", { name: "重新打开打分" }).click();
  await expect(judge3.getByTestId("judge-stage")).toContainText("评委打分");
  await scoreAll(judge3, 20); // 10 points each
  await expect(judge3.getByTestId("sheet-total")).toHaveText("60");
  await judge3.getByRole("button", { name: "提交评分" }).click();
  await expect(judge3.getByTestId("sheet-status")).toContainText("已提交,合计 60 分");
  host.once("dialog", (dialog) => void dialog.accept());
  await host.getByRole("button", { name: /结束打分/ }).click();
  await expect(judge3.getByTestId("sheet-status")).toContainText("评分已结束,已锁定");
  await host.getByRole("button", { name: /公布得分/ }).click();
  // Three judges: the plain mean of the corrected sheet, judge 2's and judge 3's late one,
  // (88 + 78 + 60) / 3 = 75.33.
  await expect(screen.getByTestId("screen-score")).toHaveText("75.33");
  await expect(screen.getByTestId("leaderboard")).toContainText("75.33");
  // The combined standing, marked provisional; ballot cards only here, so no "scan to vote" QR.
  await expect(screen.getByTestId("provisional")).toHaveText("暂定");
  await expect(screen.getByTestId("vote-qr")).toHaveCount(0);
  await expect(screen.getByTestId("how-to-vote")).toContainText("投票卡");
  await expect(host.getByTestId("host-score")).toContainText("75.33");
  await snap(screen, "live-screen-revealed-1920");
  await snap(host, "live-host-revealed-1440");

  await host.getByRole("button", { name: /下一个项目/ }).click();
  await expect(screen.getByTestId("screen-stage")).toHaveText("准备中");
});
