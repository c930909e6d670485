/**
 * Competition setup forms over HTTP against the real server (as a browser without JavaScript
 * sends them): ranges say the range, the schedule is checked together with the other fields, a
 * fund cap cannot exceed its total, and a refusal is the form again with what was typed.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { competitions, funds } from "../../db/schema";
import { Browser, startTestServer } from "../testing/server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let competitionId: number;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const [c] = await server.services.db.select().from(competitions);
  competitionId = c!.id;
  admin = new Browser(server.url);
  await admin.login("admin");
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const settingsPath = () => `/admin/competitions/${competitionId}?index`;
function settings(over: Record<string, string> = {}) {
  return {
    intent: "settings",
    title: "花山街道2026年社区微项目路演",
    year: "2026",
    round: "1",
    description: "",
    proposalDeadline: "2027-03-01T18:00",
    roadshowAt: "2027-03-10T09:30",
    votingOpensAt: "2027-03-10T09:00",
    votingClosesAt: "2027-03-12T18:00",
    noticeStartsAt: "2027-03-13T09:00",
    noticeEndsAt: "2027-03-20T18:00",
    judgeWeightPct: "70",
    voteRule: "approval",
    approvalMaxChoices: "3",
    voterBudget: "",
    verificationMode: "token",
    judgeAggregation: "trimmed_mean",
    pitchMinutes: "5",
    qaMinutes: "3",
    ...over,
  };
}
const stored = async () =>
  (
    await server.services.db.select().from(competitions).where(eq(competitions.id, competitionId))
  )[0]!;

describe("competition settings", () => {
  it("saves a consistent schedule", async () => {
    const res = await admin.post(settingsPath(), settings());
    expect(res.status).toBe(302);
    expect((await stored()).roadshowAt?.toISOString()).toBe("2027-03-10T01:30:00.000Z");
  });

  it("says the range of an out-of-range number, keeping what was typed", async () => {
    const res = await admin.post(settingsPath(), settings({ judgeWeightPct: "150", year: "3000" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请输入 0–100 之间的整数");
    expect(html).toContain("请输入 2000–2100 之间的整数");
    expect(html).not.toContain("请输入整数");
    expect(html).toContain('value="150"');
    expect((await stored()).judgeWeightPct).toBe(70);
  });

  it("checks the schedule together with the other fields, and saves nothing", async () => {
    const before = await stored();
    const res = await admin.post(
      settingsPath(),
      settings({
        title: "",
        proposalDeadline: "2027-03-11T18:00", // after the roadshow
        votingOpensAt: "2027-03-08T09:00",
        votingClosesAt: "2027-03-09T18:00", // voting over before the roadshow
        noticeStartsAt: "2027-03-09T19:00",
        noticeEndsAt: "2027-03-20T18:00",
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请填写此项"); // the title, refused in the same answer
    expect(html).toContain("项目征集须在现场路演之前截止");
    expect(html).toContain("居民投票不能在现场路演开始前就结束");
    expect(html).toContain('value="2027-03-11T18:00"');
    const after = await stored();
    expect(after.proposalDeadline).toEqual(before.proposalDeadline);
    expect(after.votingClosesAt).toEqual(before.votingClosesAt);
  });

  it("answers an unknown intent with the form and a message, not an error page", async () => {
    const res = await admin.post(settingsPath(), settings({ intent: "explode" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("无法识别的操作");
    expect(html).toContain('name="title"');
  });

  it("refuses a bad phase beside the phase form", async () => {
    const res = await admin.post(settingsPath(), { intent: "phase", phase: "nonsense" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请选择有效的选项");
  });
});

describe("new competition", () => {
  it("says the range and keeps the title", async () => {
    const res = await admin.post("/admin/competitions/new", {
      intent: "create",
      title: "明年的路演",
      slug: "next-year",
      year: "1999",
      round: "0",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请输入 2000–2100 之间的整数");
    expect(html).toContain("请输入 1–100 之间的整数");
    expect(html).toContain("明年的路演");
  });
});

describe("funds", () => {
  const fundsPath = () => `/admin/competitions/${competitionId}/funds`;
  const form = (over: Record<string, string> = {}) => ({
    intent: "save",
    "street.name": "街道资金",
    "street.total": "200,000",
    "street.cap": "80,000",
    "foundation.name": "花山街社区基金会",
    "foundation.total": "60,000",
    "foundation.cap": "",
    "foundation.match": "30",
    ...over,
  });

  it("refuses a per-project cap above the fund's total, with other errors, keeping input", async () => {
    const before = await server.services.db.select().from(funds);
    const res = await admin.post(
      fundsPath(),
      form({ "street.cap": "300,000", "foundation.name": "", "foundation.match": "150" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("单个项目上限不能超过资金总额");
    expect(html).toContain("请填写此项");
    expect(html).toContain('value="300,000"');
    expect(await server.services.db.select().from(funds)).toEqual(before);
  });

  it("accepts a cap equal to the total", async () => {
    const res = await admin.post(fundsPath(), form({ "street.cap": "200,000" }));
    expect(res.status).toBe(302);
  });
});
