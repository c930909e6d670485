import type { LoaderFunctionArgs } from "@remix-run/node";
import { ballotsPb } from "~/models/open-ballots.server";
import { idParam } from "~/utils/params";

/**
 * Open data: the round's online approval ballots as a Pabulib `.pb` file, anonymised (voters
 * numbered 1…n in a shuffled order; no token, receipt or time), for everyone once the result is
 * published. 404 before, for an unknown id, and for a 满意度 (rating) round, with a line saying
 * why. Approval and budget-rule ballots are both sets of projects, so both are exported.
 *
 * What it reproduces: budget is the street fund in 元 and costs are the requests to it within
 * its cap (projects it cannot pay are left out), so
 * `npm run allocate -- --pb ballots.pb --rule equal-shares --completion add1` gives exactly the
 * published equal-shares selection of the street fund before completion (the projects whose
 * explanation says 均等份额法入选, reason `mesSelected`). Under the greedy and tiers rules the
 * published money follows the combined ranking (judges and residents, paper ballots too), which
 * the file cannot reproduce; it reproduces the residents' online approval counts.
 */
export async function loader(args: LoaderFunctionArgs) {
  const id = idParam(args.params.competitionId);
  const result = await ballotsPb(args.context.services.db, id);
  if (!result.ok) {
    const why = {
      notFound: "没有这个项目路演 (no such competition)",
      notPublished: "结果公示后才能下载居民线上投票 (the ballots are published with the result)",
      notApproval:
        "满意度评分不是认可票,无法导出为 Pabulib 文件 (rating rounds have no approval ballots)",
    }[result.refusal];
    return new Response(`${why}\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const filename = `${result.slug}-ballots-${result.runId}.pb`;
  return new Response(result.text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Result-Hash": result.hash,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
