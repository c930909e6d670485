/**
 * The demo's 任务清单: publishes a result of the finished show (greedy by rank, its 公示 open
 * for a week) and gives its first funded projects some delivery: progress, milestones done, a
 * first tranche per fund and spending on budget lines. Through the same model functions as the
 * pages, so everything is audited. Run after simulateFinishedShow; once only. The show has just
 * ended (its 公示 opened an hour ago), so all of it happened today (Beijing time): nothing dated
 * before the result nor in the future.
 */
import { eq } from "drizzle-orm";
import type { ResultConfig } from "../app/domain/results";
import {
  disburse,
  getDelivery,
  listDeliveries,
  postUpdate,
  recordSpending,
  setMilestoneDone,
} from "../app/models/delivery.server";
import { publishRun, runResults } from "../app/models/results.server";
import { actorOf } from "../app/models/user.server";
import { toLocalInput } from "../app/utils/datetime";
import type { Db } from "../db/client";
import { users } from "../db/schema";

const CONFIG: ResultConfig = {
  residentRule: "top",
  tieBreak: ["judge", "votes", "lot"],
  lotSeed: "20261218",
  rule: { kind: "greedy", partialFirst: false },
};

const PROGRESS = [
  "项目启动会召开,居民代表、物业和共建单位共 32 人参加,确定了施工和活动安排。",
  "第一批物资到位并完成安装,社区志愿者 12 人参与现场维护。",
];

export async function seedDeliveryDemo(db: Db, competitionId: number) {
  const [admin] = await db.select().from(users).where(eq(users.username, "admin"));
  const street = { id: admin!.id, username: admin!.username, role: admin!.role, communityId: null };
  const run = await runResults(db, actorOf(admin!), competitionId, CONFIG, "");
  const now = Date.now();
  const today = toLocalInput(new Date(now)).slice(0, 10);
  await publishRun(db, actorOf(admin!), competitionId, run.id, {
    startsAt: new Date(now - 3600_000),
    endsAt: new Date(now + 7 * 24 * 3600_000),
  });
  const list = await listDeliveries(db, { competitionId });
  for (const [i, row] of list.slice(0, 3).entries()) {
    const [sec] = await db.select().from(users).where(eq(users.communityId, row.communityId));
    if (!sec) continue;
    const secretary = {
      id: sec.id,
      username: sec.username,
      role: sec.role,
      communityId: sec.communityId,
    };
    const d = (await getDelivery(db, row.id))!;
    // A first tranche of 30 % from each fund.
    for (const g of d.grants)
      await disburse(db, street, d.id, {
        fundId: g.fundId,
        amountFen: Math.floor(g.grantedFen * 0.3),
        paidOn: today,
        note: "首笔拨付(30%)",
      });
    if (i === 2) continue; // the third one has its money but has not started yet
    for (const body of PROGRESS)
      await postUpdate(db, secretary, d.id, { body, happenedOn: today, photos: [] });
    if (d.milestones[0]) await setMilestoneDone(db, secretary, d.id, d.milestones[0].id, today);
    const line = d.budgetLines[0];
    if (line)
      await recordSpending(db, secretary, d.id, {
        budgetLineId: line.id,
        amountFen: Math.floor(line.budgetFen / 2),
        spentOn: today,
        description: "首批采购,已到货验收",
        receipts: [],
      });
  }
  return { runId: run.id, deliveries: list.length };
}
