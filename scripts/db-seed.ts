/**
 * npm run db:seed — creates the demo data (idempotent). Refuses on a production PostgreSQL
 * unless SEED_DEMO=always says so explicitly.
 *
 * npm run db:seed -- --finished-show — also plays the demo competition's show to its end (judge
 * sheets for every project, 300 online ballots, two polling stations' paper counts, voting
 * closed) so the results tab has something to allocate. Once only; stop the server first on PGlite.
 *
 * npm run db:seed -- --delivery — the finished show (played first if it is not yet), and then a
 * published result (greedy) whose first funded projects have some delivery (任务清单: a tranche,
 * progress, a milestone, spending). Once only: nothing more once a result is published.
 * Once the demo competition's result is published, db:seed also adds its 效果共评 round (a rating
 * round over the funded projects, open two weeks; seeds/evaluation.ts).
 *
 * npm run db:seed -- --second-round — 新一轮: round two of the demo competition (its criteria,
 * funds, panel and recusals, dates a year later; drafts from its unfinished needs), so two
 * rounds show side by side at /admin/rounds. Combines with the flags above (it runs last). Once.
 *
 * npm run db:seed -- --evaluated — all of --delivery, then the verdict: a project finished (its
 * needs resolved), residents' ratings and comments on the round, the comments approved and the
 * scores published. The whole chain on the public pages: needs → resources → projects → money
 * paid and spent → finished → what residents thought. Once only.
 *
 * npm run db:seed -- --previous-round — adds the round a year before the demo one (same panel,
 * funds and criteria; each community's project of that year, linked to its 一社一品 brand), its
 * show played and its result published, so each brand's page (/brands/<id>) shows two rounds
 * once the demo's result is published too. Once only; combines with the flags above.
 */
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { parseConfig, shouldSeedDemo } from "../app/env.server";
import { registerBallotKey } from "../app/models/ballot-box.server";
import { publishedRun } from "../app/models/results.server";
import { loadOrCreateSessionSecret } from "../app/server/secret.server";
import { createDb } from "../db/client";
import { describeError } from "../db/log-safe";
import { runMigrations } from "../db/migrate";
import { competitions, judgeScores } from "../db/schema";
import { seedDeliveryDemo } from "../seeds/delivery-demo";
import { DEMO_EVALUATION_SLUG, playEvaluationDemo, seedEvaluationDemo } from "../seeds/evaluation";
import { DEMO_SECOND_ROUND_SLUG, seedSecondRound } from "../seeds/next-round";
import { PREVIOUS_ROUND, seedRound } from "../seeds/previous-round";
import { existingDemoAccounts, formatDemoAccounts, seedDemo } from "../seeds/seed";
import { simulateFinishedShow } from "../seeds/simulate";

const config = parseConfig(process.env);
if (!shouldSeedDemo(config)) {
  console.error(
    "Refusing to create demo accounts in production on a real PostgreSQL. Set SEED_DEMO=always to insist.",
  );
  process.exit(1);
}
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: path.join(config.dataDir, "pglite"),
});
// Ballots the finished show casts are sealed with the server's key, as the server's own are.
registerBallotKey(handle.db, config.sessionSecret ?? loadOrCreateSessionSecret(config.dataDir));
try {
  await runMigrations(handle);
  const { created } = await seedDemo(handle.db);
  console.log(
    created > 0
      ? `Seeded demo data (${created} accounts created).`
      : "Demo data already present; nothing changed.",
  );
  console.log(formatDemoAccounts(await existingDemoAccounts(handle.db)));
  if (process.argv.includes("--previous-round")) {
    const previous = await seedRound(handle.db, PREVIOUS_ROUND);
    console.log(
      previous
        ? `Added and published the previous round /p/${PREVIOUS_ROUND.slug}.`
        : "The previous round is there already; nothing changed.",
    );
  }
  const evaluated = process.argv.includes("--evaluated");
  const delivery = evaluated || process.argv.includes("--delivery");
  if (delivery || process.argv.includes("--finished-show")) {
    const [demo] = await handle.db
      .select({ id: competitions.id })
      .from(competitions)
      .where(eq(competitions.slug, "huashan-2026"));
    const [scored] = await handle.db
      .select({ n: count() })
      .from(judgeScores)
      .where(eq(judgeScores.competitionId, demo!.id));
    if (scored!.n > 0) console.log("The demo show already has scores; nothing simulated.");
    else {
      const sim = await simulateFinishedShow(handle.db, demo!.id, {
        seed: "huashan-demo",
        ballots: 300,
        stations: [
          { community: "兰园社区", ballots: 120 },
          { community: "春和社区", ballots: 80 },
        ],
      });
      console.log(
        `Simulated the finished show: ${sim.sheets} judge sheets, 300 online ballots (a receipt: ${sim.receipts[0]}), 2 polling stations.${delivery ? "" : " Open 结果公示 to allocate."}`,
      );
    }
    if (delivery) {
      if (await publishedRun(handle.db, demo!.id))
        console.log("The demo competition already has a published result; nothing published.");
      else {
        const delivered = await seedDeliveryDemo(handle.db, demo!.id);
        console.log(
          `Published result #${delivered.runId}: ${delivered.deliveries} projects in 任务清单, three with a first tranche, two with progress and spending.`,
        );
      }
    }
  }
  // 效果共评: once the demo competition's result is published, a rating round over its funded
  // projects (run db:seed again after publishing on the results tab).
  const round = await seedEvaluationDemo(handle.db);
  if (round !== null)
    console.log(
      `Added the demo 效果共评 round (/admin/competitions/${round}/voting): residents rate the funded projects.`,
    );
  if (evaluated) {
    const [demoRound] = await handle.db
      .select({ id: competitions.id })
      .from(competitions)
      .where(eq(competitions.slug, DEMO_EVALUATION_SLUG));
    const verdict = demoRound ? await playEvaluationDemo(handle.db, demoRound.id) : null;
    console.log(
      verdict
        ? `效果共评 published: ${verdict.ballots} residents rated (/p/${DEMO_EVALUATION_SLUG}/results); one project finished.`
        : "The demo 效果共评 already has a published result; nothing more.",
    );
  }
  if (process.argv.includes("--second-round")) {
    const second = await seedSecondRound(handle.db);
    console.log(
      second
        ? `新一轮: round two created (/admin/competitions/${second.id}, slug ${DEMO_SECOND_ROUND_SLUG}, ${second.drafts} drafts from unfinished needs); compare at /admin/rounds.`
        : "The demo competition already has its next round; nothing created.",
    );
  }
} catch (error) {
  // Never the error as such: a failed query's message carries its parameters (hashes, phones).
  console.error(describeError(error));
  process.exitCode = 1;
} finally {
  await handle.close();
}
