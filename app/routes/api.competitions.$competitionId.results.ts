import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { getPublishedAny } from "~/models/results.server";
import { idParam } from "~/utils/params";

/**
 * Open data: the published result exactly as frozen. `outputHash` is the SHA-256 of the
 * canonical JSON (RFC 8785) of `output`, so anyone can check it.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  // A competition's ranking and money, or a 效果共评 round's scores (output.kind "evaluation").
  const published = await getPublishedAny(context.services.db, idParam(params.competitionId));
  invariantResponse(published, "Not found", { status: 404 });
  return json(
    {
      runId: published.id,
      outputHash: published.outputHash,
      publishedAt: published.publishedAt.toISOString(),
      notice: {
        startsAt: published.noticeStartsAt.toISOString(),
        endsAt: published.noticeEndsAt.toISOString(),
      },
      reason: published.reason,
      audit: published.audit,
      // The audit chain's head when this was published: keep it to check the log against later
      // (`npm run audit:verify -- --head <seq>:<hash>`).
      auditChainHead: published.chainHead
        ? {
            seq: published.chainHead.seq,
            hash: published.chainHead.hash,
            at: published.chainHead.at.toISOString(),
          }
        : null,
      output: published.output,
    },
    { headers: { "Cache-Control": "public, max-age=5", "Access-Control-Allow-Origin": "*" } },
  );
}
