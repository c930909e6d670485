import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { ServerBuild } from "@remix-run/node";
import postgres from "postgres";
import { maskPhone } from "../app/domain/registry";
import { parseConfig } from "../app/env.server";
import { startServer, type RunningServer } from "../app/server/start.server";
import type { MemorySmsSender } from "../app/services/sms.server";
import { seedRegistryFixture, type RegistryFixture } from "../seeds/registry-fixture";
import { PG_SMOKE, snap, VIEWPORTS } from "./utils";

// Residents without a card vote through the registry check, on a phone, for both proofs the
// street can choose: the 证件号 and a one-time SMS code (issue 11).
//
// The spec runs a server of its own (the built app, started here in the test's process, on a
// fresh database of its own), so the demo competition the live → vote → results chain drives is
// left alone and that chain gets no longer. It runs twice: in the "pglite" project on an
// embedded database, and in the "postgres" smoke project on a new PostgreSQL database.
//
// Reading the SMS code: a real phone gets it from the provider; here the server is in this
// process, so the test reads what the server "sent" straight from its sender, never over HTTP
// (no route or production setting exposes a code). On PGlite the server uses the memory driver
// (SMS_DRIVER=memory: `services.sms.sent`, as in registry-sms-http.int.test.ts); on PostgreSQL
// the console driver (SMS_DRIVER=console, the development default), whose log line the test
// reads from the log function it gave the server, so both drivers are driven end to end.

let server: RunningServer;
let fixture: RegistryFixture;
let dataDir: string;
let dropDatabase: (() => Promise<void>) | undefined;
const logLines: string[] = [];

const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A new, empty PostgreSQL database for this run; returns its URL and how to drop it. */
async function freshPostgres(name: string) {
  const sql = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const onPostgres = test.info().project.name === "postgres";
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-registry-"));
  let databaseUrl: string | undefined;
  if (onPostgres) {
    const db = await freshPostgres(`${process.env.TEST_DB_PREFIX ?? "roadshow"}_e2e_registry`);
    databaseUrl = db.url;
    dropDatabase = db.drop;
  }
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = await startServer({
    config: parseConfig({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "never",
      SMS_DRIVER: onPostgres ? "console" : "memory",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
    build,
    log: (line) => logLines.push(line),
    auditSealIntervalMs: 0,
  });
  fixture = await seedRegistryFixture(server.services.db);
});

test.afterAll(async () => {
  await server?.close();
  await dropDatabase?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The codes the server has sent to `phone`, oldest first, read from its SMS driver (see above). */
function codesSentTo(phone: string): string[] {
  const sms = server.services.sms;
  const texts =
    sms.driver === "memory"
      ? (sms as MemorySmsSender).sent.filter((m) => m.phone === phone).map((m) => m.text)
      : // "[sms:console] to 138****0002: 【社区路演】您的投票验证码是 123456,…"
        logLines.filter((l) => l.startsWith(`[sms:console] to ${maskPhone(phone)}: `));
  return texts.map((text) => /验证码是 (\d{6})/.exec(text)![1]!);
}

async function phonePage(browser: Browser) {
  const context = await browser.newContext({
    viewport: VIEWPORTS.phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

/** Nothing is wider than the phone: no sideways scrolling, no field cut off at the edge. */
async function expectFitsPhone(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, "the page scrolls sideways on a phone").toBeLessThanOrEqual(0);
  for (const field of await page.locator("main input, main button").all()) {
    const box = await field.boundingBox();
    if (!box) continue;
    expect(box.x, "a field starts off screen").toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, "a field ends off screen").toBeLessThanOrEqual(VIEWPORTS.phone.width);
  }
}

/** On the ballot: ticks the first two projects, confirms, and returns the receipt code. */
async function voteForTwo(page: Page, name: string) {
  await expect(page.getByText("请选择您支持的项目,最多选 2 个")).toBeVisible();
  await expect(page.locator('input[name="choice"]')).toHaveCount(fixture.projectTitles.length);
  await expectFitsPhone(page);
  await snap(page, `registry-${name}-ballot-phone`);
  await page.locator('input[name="choice"]').nth(0).check();
  await page.locator('input[name="choice"]').nth(1).check();
  await expect(page.getByTestId("chosen-count")).toHaveText("已选 2 / 2");
  await page.getByRole("button", { name: "下一步:确认" }).click();
  await expect(page.getByRole("heading", { name: "请确认您的选择" })).toBeVisible();
  await expect(page.getByTestId("confirm-list").locator("li")).toHaveCount(2);
  await page.getByRole("button", { name: "确认投票" }).click();
  await expect(page.getByRole("heading", { name: "投票成功,谢谢您!" })).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expectFitsPhone(page);
  await snap(page, `registry-${name}-receipt-phone`);
  return (await page.getByTestId("receipt").textContent())!;
}

/** The open data count exactly one online ballot, for projects 1 and 2. */
async function expectOneBallot(competitionId: number) {
  const res = await fetch(`${server.url}/api/competitions/${competitionId}/tally`);
  expect(res.status).toBe(200);
  const tally = (await res.json()) as {
    ballots: { online: number };
    projects: Array<{ number: number; votes: { online: number } }>;
  };
  expect(tally.ballots.online).toBe(1);
  expect(Object.fromEntries(tally.projects.map((p) => [p.number, p.votes.online]))).toEqual({
    1: 1,
    2: 1,
    3: 0,
  });
}

test("a resident votes by name, phone and 证件号 on a phone; a wrong or missing 证件号 is refused in words, keeping what was typed; coming back shows the receipt", async ({
  browser,
}) => {
  const { slug, resident, competitionId } = fixture.idNumber;
  const page = await phonePage(browser);
  await page.goto(`${server.url}/vote/${slug}`);
  // Registry only: the form comes first, not how to use a card the resident was never given,
  // and the whole form fits the first screen of the phone.
  await expect(page.getByText("请核对居民名册信息后投票:", { exact: true })).toBeVisible();
  await expect(page.getByText("请用手机扫描您领到的投票卡上的二维码投票")).toHaveCount(0);
  const submit = page.getByRole("button", { name: "核对并投票" });
  const box = (await submit.boundingBox())!;
  expect(box.y + box.height, "the button is below the first screen").toBeLessThanOrEqual(
    VIEWPORTS.phone.height,
  );
  // The 证件号 path asks for no SMS code.
  await expect(page.getByRole("button", { name: "获取短信验证码" })).toHaveCount(0);
  await expectFitsPhone(page);
  await snap(page, "registry-id-landing-phone");

  // A wrong 证件号: one refusal in Chinese for every mismatch, and the form keeps what was typed.
  await page.getByLabel("姓名").fill(resident.name);
  await page.getByLabel("手机号").fill("138 0000 0001");
  await page.getByLabel("证件号码(如要求)").fill("110101199001019999");
  await page.getByRole("button", { name: "核对并投票" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "未能核对:请检查姓名、手机号(及证件号)是否与居民名册一致",
  );
  await expect(page).toHaveURL(new RegExp(`/vote/${slug}$`));
  await expect(page.getByLabel("姓名")).toHaveValue(resident.name);
  await expect(page.getByLabel("手机号")).toHaveValue("138 0000 0001");
  await expect(page.getByLabel("证件号码(如要求)")).toHaveValue("110101199001019999");
  await expectFitsPhone(page);
  await snap(page, "registry-id-refused-phone");

  // Without the 证件号, the page asks for it (one is on file).
  await page.getByLabel("证件号码(如要求)").fill("");
  await page.getByRole("button", { name: "核对并投票" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "居民名册中登记了您的证件号码,请填写证件号码后再核对。",
  );
  await expect(page.getByLabel("姓名")).toHaveValue(resident.name);

  // The right one opens the resident's own ballot.
  await page.getByLabel("证件号码(如要求)").fill(resident.document!);
  await page.getByRole("button", { name: "核对并投票" }).click();
  await expect(page).toHaveURL(/\/v\/\d+\.[A-Za-z0-9_-]{20,}$/);
  const cardUrl = page.url();
  const receipt = await voteForTwo(page, "id");
  await expectOneBallot(competitionId);

  // Coming back through the registry leads to the same card, which shows its receipt, not a
  // second ballot; nothing more is counted.
  await page.goto(`${server.url}/vote/${slug}`);
  await page.getByLabel("姓名").fill(resident.name);
  await page.getByLabel("手机号").fill(resident.phone);
  await page.getByLabel("证件号码(如要求)").fill(resident.document!);
  await page.getByRole("button", { name: "核对并投票" }).click();
  await expect(page.getByRole("heading", { name: "这张选票已经投过了" })).toBeVisible();
  expect(page.url()).toBe(cardUrl);
  await expect(page.getByTestId("receipt")).toHaveText(receipt);
  await expect(page.locator('input[name="choice"]')).toHaveCount(0);
  await expectOneBallot(competitionId);
  await page.context().close();
});

test(
  "a resident votes with an SMS code on a phone; a wrong code is refused in words, keeping what was typed; coming back shows the receipt",
  { tag: PG_SMOKE },
  async ({ browser }) => {
    const { slug, resident, competitionId } = fixture.smsCode;
    const page = await phonePage(browser);
    await page.goto(`${server.url}/vote/${slug}`);
    // The SMS path asks for no 证件号: name and phone only ask for a code.
    await expect(page.getByLabel("证件号码(如要求)")).toHaveCount(0);
    await expect(page.getByLabel("短信验证码(6 位数字)")).toHaveCount(0);
    await page.getByLabel("姓名").fill(resident.name);
    await page.getByLabel("手机号").fill("138-0000-0002");
    await page.getByRole("button", { name: "获取短信验证码" }).click();
    await expect(page.getByRole("status").first()).toContainText(
      "如果信息与名册一致,验证码已发送到登记的手机,10 分钟内有效。",
    );
    await expect(page.getByLabel("短信验证码(6 位数字)")).toBeVisible();
    await expect(page.getByLabel("姓名")).toHaveValue(resident.name);
    await expect(page.getByLabel("手机号")).toHaveValue("138-0000-0002");
    await expect.poll(() => codesSentTo(resident.phone).length).toBe(1);
    const [code] = codesSentTo(resident.phone) as [string];
    await expectFitsPhone(page);
    await snap(page, "registry-sms-code-sent-phone");

    // A wrong code: refused in Chinese, the form keeps the name, the phone and the typed code.
    const wrong = code === "000000" ? "000001" : "000000";
    await page.getByLabel("短信验证码(6 位数字)").fill(wrong);
    await page.getByRole("button", { name: "验证并投票" }).click();
    await expect(page.getByRole("alert")).toContainText("验证码不正确或已失效");
    await expect(page.getByLabel("短信验证码(6 位数字)")).toHaveValue(wrong);
    await expect(page.getByLabel("姓名")).toHaveValue(resident.name);
    await expect(page.getByLabel("手机号")).toHaveValue("138-0000-0002");
    await expectFitsPhone(page);
    await snap(page, "registry-sms-refused-phone");

    // Asking again at once is refused in words (one code a minute per phone).
    await page.getByRole("button", { name: "重新获取验证码" }).click();
    await expect(page.getByRole("alert")).toContainText(/验证码发送太频繁,请 \d+ 秒后再试。/);

    // The right code opens the resident's own ballot.
    await page.getByLabel("短信验证码(6 位数字)").fill(code);
    await page.getByRole("button", { name: "验证并投票" }).click();
    await expect(page).toHaveURL(/\/v\/\d+\.[A-Za-z0-9_-]{20,}$/);
    const cardUrl = page.url();
    const receipt = await voteForTwo(page, "sms");
    await expectOneBallot(competitionId);

    // The card's address again (the phone's history): the receipt, not a second ballot.
    await page.goto(cardUrl);
    await expect(page.getByRole("heading", { name: "这张选票已经投过了" })).toBeVisible();
    await expect(page.getByTestId("receipt")).toHaveText(receipt);

    // Coming back through the registry a while later: the used code opens nothing, a new code
    // leads to the same card with its receipt. (The minute between two codes is let pass by
    // clearing the phone's send limit on the server, which is in this process.)
    await server.services.limiters.smsByPhoneMinute.delete(resident.phone);
    const other = await phonePage(browser);
    await other.goto(`${server.url}/vote/${slug}`);
    await other.getByLabel("姓名").fill(resident.name);
    await other.getByLabel("手机号").fill(resident.phone);
    await other.getByRole("button", { name: "获取短信验证码" }).click();
    await expect(other.getByLabel("短信验证码(6 位数字)")).toBeVisible();
    await other.getByLabel("短信验证码(6 位数字)").fill(code);
    await other.getByRole("button", { name: "验证并投票" }).click();
    await expect(other.getByRole("alert")).toContainText("验证码不正确或已失效");
    await expect.poll(() => codesSentTo(resident.phone).length).toBe(2);
    await other.getByLabel("短信验证码(6 位数字)").fill(codesSentTo(resident.phone)[1]!);
    await other.getByRole("button", { name: "验证并投票" }).click();
    await expect(other.getByRole("heading", { name: "这张选票已经投过了" })).toBeVisible();
    expect(other.url()).toBe(cardUrl);
    await expect(other.getByTestId("receipt")).toHaveText(receipt);
    await expect(other.locator('input[name="choice"]')).toHaveCount(0);
    await expectOneBallot(competitionId);
    await other.context().close();
    await page.context().close();
  },
);
