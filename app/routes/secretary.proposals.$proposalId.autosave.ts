import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { checkAction } from "~/domain/proposal-flow";
import { autosaveDraft, getProposal } from "~/models/proposal.server";
import { requireUser } from "~/utils/auth.server";
import { idParam } from "~/utils/params";
import { flowContext } from "~/utils/proposal-actions.server";
import { ProposalFormSchema } from "~/utils/proposal-form";

const MAX_BYTES = 256 * 1024;

/** Keeps what the secretary typed, unvalidated, so nothing is lost (JSON endpoint for fetch). */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const { db } = args.context.services;
  const head = await getProposal(db, idParam(args.params.proposalId));
  if (!head) return json({ error: "notFound" }, { status: 404 });
  const check = checkAction("edit", flowContext(head, user));
  if (!check.ok)
    return json({ error: check.refusal }, { status: check.refusal === "forbidden" ? 403 : 409 });
  const body = await args.request.text();
  if (body.length > MAX_BYTES) return json({ error: "tooLarge" }, { status: 413 });
  const submission = parseWithZod(new URLSearchParams(body), { schema: ProposalFormSchema });
  const savedAt = await autosaveDraft(db, head.proposal.id, submission.payload);
  return json({ savedAt: savedAt.toISOString() });
}

export function loader() {
  return json({ error: "method" }, { status: 405 });
}
