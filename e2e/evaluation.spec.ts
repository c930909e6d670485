import { expect, test, type Page } from "@playwright/test";
import { login, snap, VIEWPORTS } from "./utils";

// 效果共评, from a show played to its end (db:seed --finished-show, a database of its own:
// e2e/start-servers.mjs): the street publishes the result, opens a rating round over the funded
// projects, issues cards; a resident on a phone rates with a card and gets a receipt; the tally
// shows it; the street approves the comment and publishes; the public reads the scores.

const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
/** Screenshots only when asked (E2E_SCREENSHOTS=1, under test-results/screens). */
const shot = (page: Page, name: string) => snap(page, name);

// The rounds below start from the result the first test publishes.
test.describe.configure({ mode: "serial" });

test("a street opens a rating round, a resident rates on a phone, the street publishes, the public reads it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");

  // The competition's result is published first (voting of the finished show is closed).
  await admin.goto("/admin/competitions/1/results");
  await expect(admin.getByTestId("evaluation-rounds")).toHaveCount(0);
  await admin.getByLabel("分配规则").selectOption("greedy");
  await admin.getByRole("button", { name: "计算结果" }).click();
  await expect(
    admin.getByRole("heading", { level: 2, name: /待发布的计算结果 #\d+/ }),
  ).toBeVisible();
  await admin.locator('[name="noticeStartsAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="noticeEndsAt"]').fill(beijing(Date.now() + 7 * 86400_000));
  await admin.getByRole("button", { name: "发布公示" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布公示");

  // 发起效果共评: rating mode, every funded project ticked; a missing end time is refused in words.
  await admin.getByRole("link", { name: "发起效果共评" }).click();
  await expect(admin.getByRole("heading", { name: "发起效果共评" })).toBeVisible();
  const items = admin.locator('input[name="items"]');
  const funded = await items.count();
  expect(funded).toBeGreaterThanOrEqual(3);
  await shot(admin, "admin-new-round-desktop");
  await admin.locator('[name="votingClosesAt"]').fill("");
  await admin.getByRole("button", { name: "发起", exact: true }).click();
  await expect(admin.getByText("请填写结束时间")).toBeVisible();
  await expect(admin.locator('[name="title"]')).toHaveValue(/效果共评/);
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() + 86400_000));
  await admin.getByRole("button", { name: "发起", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发起效果共评");
  await expect(admin).toHaveURL(/\/admin\/competitions\/\d+\/voting$/);
  const roundId = Number(/competitions\/(\d+)\/voting/.exec(admin.url())![1]);
  // The round's tabs: no judges, criteria, funds or live show.
  const tabs = admin.getByRole("navigation", { name: /效果共评/ });
  await expect(tabs.getByRole("link", { name: "评论审核" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "评委" })).toHaveCount(0);
  await expect(tabs.getByRole("link", { name: "现场路演" })).toHaveCount(0);

  // Cards for the round.
  await admin.getByLabel("批次名称").first().fill("效果共评 测试");
  await admin.getByLabel("张数").fill("2");
  await admin.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  // The cards page renders after the post: wait for the cards before reading them.
  await expect(
    admin.getByTestId("ballot-cards").locator("[role=img][aria-label]").first(),
  ).toBeVisible();
  const [url, url2] = await admin
    .getByTestId("ballot-cards")
    .locator("[role=img][aria-label]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!));

  // The big screen (1920×1080, no login) lists the round's projects before anyone rated.
  const screen = await browser.newPage({ viewport: VIEWPORTS.projector });
  await screen.goto("/screen/huashan-2026-eval");
  await expect(screen.getByTestId("connection")).toHaveAttribute("data-connected", "true");
  const standing = screen.getByTestId("evaluation-standing");
  await expect(standing.locator("li[data-proposal]")).toHaveCount(funded);
  await expect(standing).toContainText("暂无评分");

  // A resident on a phone: rates the first two, skips the rest, comments on the first.
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const resident = await phone.newPage();
  await resident.goto(new URL(url!).pathname);
  await expect(resident.getByText("请为每个项目的实施效果打分")).toBeVisible();
  const cards = resident.locator("li[data-proposal]");
  await expect(cards).toHaveCount(funded);
  const [p1, p2, p3] = await cards.evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-proposal")!),
  );
  await shot(resident, "ballot-rating-phone");
  // Each level is a target of at least 44 px on the phone.
  const box = await cards.nth(0).locator("label").filter({ hasText: "5" }).first().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await cards.nth(0).getByLabel("5 分").check({ force: true });
  await cards.nth(1).getByLabel("3 分").check({ force: true });
  await expect(resident.getByTestId("chosen-count")).toHaveText(`已评 2 / ${funded}`);
  await cards.nth(0).getByText("留言(选填").click();
  await cards.nth(0).locator("textarea").fill("晚上路灯亮了,散步安心多了");
  await resident.getByRole("button", { name: "下一步:确认" }).click();
  await expect(resident.getByTestId("confirm-list")).toContainText("您的评分:5 分");
  await expect(resident.getByTestId("confirm-list")).toContainText("晚上路灯亮了");
  await shot(resident, "ballot-confirm-phone");
  await resident.getByRole("button", { name: "确认投票" }).click();
  await expect(resident.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const receipt = (await resident.getByTestId("receipt").textContent())!;
  await shot(resident, "ballot-receipt-phone");

  // The screen follows live (no reload): the mean to one decimal, how many rated, by mean.
  await expect(screen.getByTestId(`screen-mean-${p1}`)).toHaveText("5.0");
  await expect(screen.getByTestId(`screen-mean-${p2}`)).toHaveText("3.0");
  await expect(screen.getByTestId("screen-ballots")).toHaveText("1");

  // A second resident on an old phone without JavaScript: the same ballot as plain forms.
  const noJs = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(new URL(url2!).pathname);
  const plainCards = plain.locator("li[data-proposal]");
  await expect(plainCards).toHaveCount(funded);
  await plainCards.nth(2).getByLabel("4 分").check({ force: true });
  await plain.getByRole("button", { name: "下一步:确认" }).click();
  await expect(plain.getByTestId("confirm-list")).toContainText("您的评分:4 分");
  await plain.getByRole("button", { name: "确认投票" }).click();
  await expect(plain.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await shot(plain, "ballot-receipt-phone-nojs");
  await noJs.close();
  await expect(screen.getByTestId(`screen-mean-${p3}`)).toHaveText("4.0");
  await expect(screen.getByTestId("screen-ballots")).toHaveText("2");
  const rows = standing.locator("li[data-proposal]");
  await expect(rows.nth(0)).toHaveAttribute("data-proposal", p1!);
  await expect(rows.nth(1)).toHaveAttribute("data-proposal", p3!);
  await expect(rows.nth(2)).toHaveAttribute("data-proposal", p2!);
  await expect(rows.nth(0).getByTestId("screen-spread")).toHaveAttribute(
    "data-distribution",
    "0,0,0,0,1",
  );
  await expect(rows.nth(0)).toContainText("1 人评分");
  // Everything fits the projector: no scrolling, every row inside the screen.
  expect(await screen.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    1080,
  );
  const last = await rows.last().boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual(1080);
  await shot(screen, "screen-rating-1920");
  await screen.close();

  // The live tally shows the ratings.
  await admin.goto(`/admin/competitions/${roundId}/voting`);
  await expect(admin.getByTestId("tally-mean").first()).toHaveText("5.00");
  await shot(admin, "admin-voting-desktop");

  // Close voting (the settings form), approve the comment, compute and publish.
  await admin.goto(`/admin/competitions/${roundId}`);
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 3600_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");
  await admin.goto(`/admin/competitions/${roundId}/comments`);
  // The flush after closing may take a few seconds: reload until the comment is there.
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId("comments")).toContainText("晚上路灯亮了");
  }).toPass({ timeout: 30_000 });
  await admin.getByTestId("comments").locator('input[name="comment"]').first().check();
  await shot(admin, "admin-comments-desktop");
  await admin.getByRole("button", { name: "通过", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已处理 1 条评论");
  await admin.goto(`/admin/competitions/${roundId}/evaluation`);
  await admin.getByRole("button", { name: "计算共评结果" }).click();
  await expect(admin.getByTestId("draft")).toBeVisible();
  await admin.locator('[name="noticeStartsAt"]').fill(beijing(Date.now() - 60_000));
  await admin.getByRole("button", { name: "发布公示" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布效果共评结果");
  await expect(admin.getByTestId("published")).toContainText("5.00");
  await shot(admin, "admin-evaluation-desktop");

  // The public result, on the phone and on a desktop: means, brands, the approved comment.
  await resident.getByRole("link", { name: "核对回执码" }).click();
  await resident.goto(`/p/huashan-2026-eval/results?receipt=${receipt}`);
  await expect(resident.getByTestId("evaluation-rows")).toContainText("5.00");
  await expect(resident.getByTestId("evaluation-brands")).toBeVisible();
  await expect(resident.getByTestId("evaluation-comments")).toContainText("晚上路灯亮了");
  await expect(resident.locator("#receipt")).toContainText("已被计入");
  await shot(resident, "public-result-phone");
  const desktop = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await desktop.goto("/p/huashan-2026-eval/results");
  await expect(desktop.getByTestId("result-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await shot(desktop, "public-result-desktop");
  // The project's own page shows its score.
  const first = await resident
    .getByTestId("evaluation-rows")
    .locator("li")
    .first()
    .getAttribute("data-proposal");
  await resident.goto(`/p/huashan-2026/${first}`);
  await expect(resident.getByTestId("evaluation-score")).toContainText("满意度 5.00 分");
  await shot(resident, "public-project-phone");
});

test("an approval round: residents pick the best projects and comment, on phones with and without JavaScript", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1/evaluations/new");
  await admin.getByLabel("评价方式").selectOption("approval");
  await admin.getByLabel(/最多选择项目数/).fill("2");
  await expect(admin.locator('[name="slug"]')).toHaveValue("huashan-2026-eval-2");
  await admin.locator('[name="title"]').fill("花山 2026 · 最满意的项目");
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() + 86400_000));
  await admin.getByRole("button", { name: "发起", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发起效果共评");
  const roundId = Number(/competitions\/(\d+)\/voting/.exec(admin.url())![1]);
  await admin.getByLabel("批次名称").first().fill("最满意 测试");
  await admin.getByLabel("张数").fill("2");
  await admin.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  await expect(
    admin.getByTestId("ballot-cards").locator("[role=img][aria-label]").first(),
  ).toBeVisible();
  const [url, url2] = await admin
    .getByTestId("ballot-cards")
    .locator("[role=img][aria-label]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")!));

  // A resident on a phone: picks one, comments on it and on one not picked, goes back, confirms.
  const phone = await browser.newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
  });
  const resident = await phone.newPage();
  await resident.goto(new URL(url!).pathname);
  await expect(resident.getByText("请选出您最满意的项目,最多 2 个")).toBeVisible();
  const cards = resident.locator("li[data-proposal]");
  const [pickOne, pickTwo] = await cards.evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-proposal")!),
  );
  await cards.nth(0).locator('input[name="choice"]').check();
  await cards.nth(0).getByText("留言(选填").click();
  await cards.nth(0).locator("textarea").fill("老人吃饭方便多了");
  await cards.nth(2).getByText("留言(选填").click();
  await cards.nth(2).locator("textarea").fill("希望周末也开放");
  await expect(resident.getByTestId("chosen-count")).toContainText("1");
  await shot(resident, "ballot-approval-comment-phone");
  await resident.getByRole("button", { name: "下一步:确认" }).click();
  const confirm = resident.getByTestId("confirm-list");
  await expect(confirm).toContainText("您的留言:老人吃饭方便多了");
  await expect(confirm).toContainText("未选为最满意,只留言");
  await expect(confirm).toContainText("希望周末也开放");
  await shot(resident, "ballot-approval-confirm-phone");
  await resident.getByRole("button", { name: "返回修改" }).click();
  await expect(cards.nth(0).locator("textarea")).toHaveValue("老人吃饭方便多了");
  await expect(cards.nth(0).locator('input[name="choice"]')).toBeChecked();
  await resident.getByRole("button", { name: "下一步:确认" }).click();
  await resident.getByRole("button", { name: "确认投票" }).click();
  await expect(resident.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  // Without JavaScript: the same page as plain forms; a comment over 500 characters is refused
  // in words with the pick and the text kept.
  const noJs = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(new URL(url2!).pathname);
  const plainCards = plain.locator("li[data-proposal]");
  await plainCards.nth(1).locator('input[name="choice"]').check();
  await plainCards.nth(1).getByText("留言(选填").click();
  // The textarea's maxlength stops typing at 500; a kiosk or old browser may send more.
  await plainCards
    .nth(1)
    .locator("textarea")
    .evaluate((el) => el.removeAttribute("maxlength"));
  await plainCards.nth(1).locator("textarea").fill("长".repeat(501));
  await plain.getByRole("button", { name: "下一步:确认" }).click();
  await expect(plain.getByText("留言最多 500 字")).toBeVisible();
  await expect(
    plain.locator("li[data-proposal]").nth(1).locator('input[name="choice"]'),
  ).toBeChecked();
  await plain.locator("li[data-proposal]").nth(1).locator("textarea").fill("篮球架修好了");
  await plain.getByRole("button", { name: "下一步:确认" }).click();
  await expect(plain.getByTestId("confirm-list")).toContainText("您的留言:篮球架修好了");
  await plain.getByRole("button", { name: "确认投票" }).click();
  await expect(plain.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await noJs.close();

  // The tally counts the picks; the comments reach the moderation page once voting closes.
  await admin.goto(`/admin/competitions/${roundId}/voting`);
  const total = (id: string) =>
    admin.getByTestId("tally-table").locator(`tr[data-proposal="${id}"] td`).last();
  await expect(total(pickOne!)).toHaveText("1");
  await expect(total(pickTwo!)).toHaveText("1");
  await admin.goto(`/admin/competitions/${roundId}`);
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 3600_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");
  await admin.goto(`/admin/competitions/${roundId}/comments`);
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId("comments")).toContainText("篮球架修好了");
  }).toPass({ timeout: 30_000 });
  const comments = admin.getByTestId("comments");
  await expect(comments).toContainText("老人吃饭方便多了");
  await expect(comments).toContainText("希望周末也开放");
  await expect(comments).toContainText("待审核");

  // Published, the round's picks reach the 效果清单 beside the rating round's scores.
  await admin.goto(`/admin/competitions/${roundId}/evaluation`);
  await admin.getByRole("button", { name: "计算共评结果" }).click();
  await expect(admin.getByTestId("draft")).toBeVisible();
  await admin.locator('[name="noticeStartsAt"]').fill(beijing(Date.now() - 60_000));
  await admin.getByRole("button", { name: "发布公示" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布效果共评结果");
  const dashboard = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await dashboard.goto("/p/huashan-2026/dashboard");
  await expect(dashboard.getByTestId("no-evaluation")).toHaveCount(0);
  await expect(dashboard.getByTestId("evaluation-round-approval")).toContainText(
    "花山 2026 · 最满意的项目",
  );
  await expect(dashboard.getByTestId("evaluation-table")).toBeVisible();
  const street = dashboard.getByTestId("approval-table").locator('tr[data-row="street"]');
  // Two ballots, one pick each.
  await expect(street.locator("td").first()).toHaveText("2");
  await expect(dashboard.getByTestId("spent-note")).toContainText("分摊");
  await shot(dashboard, "dashboard-evaluations-desktop");
});

// Paper in a rating round (after the test above published the competition's result): the
// street adds a polling station; two clerks on tablets count per project how many paper ballots
// gave each level; they differ on one level and the street resolves it by adopting one entry;
// the published scores count the paper ratings with the online one.
test("a rating round's paper station: two clerks count per level, the street resolves, the result counts paper", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(admin, "admin");
  await admin.goto("/admin/competitions/1/evaluations/new");
  await admin.locator('[name="title"]').fill("花山 2026 · 效果共评(纸质)");
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() + 86400_000));
  await admin.getByRole("button", { name: "发起", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发起效果共评");
  const roundId = Number(/competitions\/(\d+)\/voting/.exec(admin.url())![1]);
  const ballot = await admin.evaluate(async (id) => {
    const res = await fetch(`/api/competitions/${id}/tally`);
    return (await res.json()) as { projects: Array<{ id: number; number: number }> };
  }, roundId);
  const [first, second] = [...ballot.projects].sort((a, b) => a.number - b.number);

  // The street adds a station; the printed sheet has a box for each of 1–5 per project.
  await admin.getByLabel("投票点名称").fill("春和社区评分站");
  await admin.getByRole("button", { name: "添加投票点" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已添加投票点");
  await expect(admin.getByTestId("stations")).toContainText("春和社区评分站");
  const sheet = await browser.newPage({ viewport: VIEWPORTS.desktop });
  await login(sheet, "admin");
  await sheet.goto(`/admin/competitions/${roundId}/paper-ballot`);
  await expect(sheet.getByRole("heading", { name: "效果共评纸质评分表" })).toBeVisible();
  await shot(sheet, "paper-rating-sheet-desktop");
  await sheet.close();

  // One resident online (a kiosk posts the ballot): 4 for the first project.
  await admin.getByLabel("批次名称").first().fill("纸质站旁的卡");
  await admin.getByLabel("张数").fill("1");
  await admin.getByRole("button", { name: "生成并打印二维码卡片" }).click();
  const card = admin.getByTestId("ballot-cards").locator("[role=img][aria-label]").first();
  await expect(card).toBeVisible();
  const token = new URL((await card.getAttribute("aria-label"))!).pathname.split("/").pop()!;
  const kiosk = await admin.request.post(`/api/ballots/${token}`, {
    form: { [`rating.${first!.id}`]: "4" },
  });
  expect(await kiosk.json()).toMatchObject({ ok: true, status: "cast" });

  // Two clerks on tablets. 5 received, 1 invalid; project 1: three 5s and one 4; project 2: one 1.
  const counted = async (username: string, fourOfFirst: string) => {
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, hasTouch: true });
    const clerk = await context.newPage();
    await login(clerk, username);
    await clerk.goto("/clerk");
    await clerk.getByRole("link", { name: "花山 2026 · 效果共评(纸质)" }).click();
    await clerk.getByRole("link", { name: /春和社区评分站/ }).click();
    await expect(clerk.getByText("按每个项目分别统计")).toBeVisible();
    await clerk.getByLabel("收到选票总数").fill("5");
    await clerk.getByLabel("无效票").fill("1");
    const cell = (n: number, level: number) =>
      clerk.getByLabel(`${n} 号 ${level} 分`, { exact: true });
    const row = clerk.locator(`[data-project="${first!.id}"]`);
    // A slip of the keyboard: far too many digits, refused beside the line and kept.
    await cell(first!.number, 5).fill("333333333333");
    await clerk.getByRole("button", { name: "提交计数" }).click();
    await expect(row.getByText("数字过大,请核对(最多 7 位数)")).toBeVisible();
    await expect(cell(first!.number, 5)).toHaveValue("333333333333");
    await cell(first!.number, 5).fill("3");
    await cell(first!.number, 4).fill(fourOfFirst);
    await cell(second!.number, 1).fill("1");
    await expect(row.getByTestId("rating-row-total")).toHaveText(
      `已评 ${3 + Number(fourOfFirst)} 张 · 未评 ${4 - 3 - Number(fourOfFirst)} 张`,
    );
    await shot(clerk, `clerk-rating-${username}-tablet`);
    await clerk.getByRole("button", { name: "提交计数" }).click();
    await expect(clerk.getByRole("status").first()).toContainText("已提交计数");
    const status = (await clerk.getByTestId("station-status").textContent()) ?? "";
    await context.close();
    return status;
  };
  expect(await counted("clerk1", "1")).toContain("已录入一份");
  // The second clerk misreads one 4 as nothing on project 1.
  expect(await counted("clerk2", "0")).toContain("两次录入不一致");

  // The street sees the differing level and adopts the first clerk's.
  await admin.goto(`/admin/competitions/${roundId}/voting`);
  await admin.getByTestId("stations").getByRole("link", { name: "裁定" }).click();
  await expect(admin.getByTestId("diff")).toContainText(`${first!.number} 号`);
  await expect(admin.getByTestId("diff")).toContainText("4 分");
  await admin
    .getByRole("button", { name: new RegExp(`${first!.number} 号 4 分:采用第 1 份`) })
    .click();
  await expect(admin.getByLabel(`${first!.number} 号 4 分`, { exact: true })).toHaveValue("1");
  await admin.getByLabel("原因").fill("复核原始选票,第一位计票员正确");
  await shot(admin, "station-rating-resolution-desktop");
  await admin.getByRole("button", { name: "裁定", exact: true }).click();
  await expect(admin.getByRole("status").first()).toContainText("已裁定");
  // The live tally: project 1 rated once online and four times on paper.
  const tallyRow = admin.getByTestId("tally-table").locator(`[data-proposal="${first!.id}"]`);
  await expect(tallyRow.getByTestId("tally-offline")).toHaveText("4");
  await expect(tallyRow.getByTestId("tally-mean")).toHaveText("4.60");

  // Close voting, compute and publish: the result counts paper with online.
  await admin.goto(`/admin/competitions/${roundId}`);
  await admin.locator('[name="votingClosesAt"]').fill(beijing(Date.now() - 60_000));
  await admin.locator('[name="votingOpensAt"]').fill(beijing(Date.now() - 3600_000));
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已保存设置");
  await admin.goto(`/admin/competitions/${roundId}/evaluation`);
  await admin.getByRole("button", { name: "计算共评结果" }).click();
  await expect(admin.getByTestId("draft")).toBeVisible();
  await admin.locator('[name="noticeStartsAt"]').fill(beijing(Date.now() - 60_000));
  await admin.getByRole("button", { name: "发布公示" }).click();
  await expect(admin.getByRole("status").first()).toContainText("已发布效果共评结果");
  const published = admin.getByTestId("published").locator(`[data-proposal="${first!.id}"]`);
  // 4 + 5 + 5 + 5 + 4 = 23 / 5 = 4.60.
  await expect(published.getByTestId("mean")).toHaveText("4.60");
  await expect(published.getByTestId("paper-split")).toHaveText("线上 1 · 线下 4");
  await shot(admin, "admin-evaluation-paper-desktop");
  const open = (await (await admin.request.get(`/api/competitions/${roundId}/results`)).json()) as {
    output: { stations: Array<{ name: string; ratings: Record<string, number[]> }> };
  };
  expect(open.output.stations).toEqual([
    expect.objectContaining({
      name: "春和社区评分站",
      ratings: expect.objectContaining({ [String(first!.id)]: [0, 0, 0, 1, 3] }),
    }),
  ]);
});
