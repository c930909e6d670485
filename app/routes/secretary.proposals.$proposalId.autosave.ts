import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { checkAction } from "~/domain/proposal-flow";
import { cleanForm } from "~/forms/form-data.server";
import { parseDraft, ProposalDraftSchema } from "~/forms/proposal-form";
import { autosaveDraft, getProposal } from "~/models/proposal.server";
import { requireUser } from "~/server/auth.server";
import { flowContext } from "~/server/proposal-actions.server";
import { idParam } from "~/utils/params";

const MAX_BYTES = 256 * 1024;

/**
 * Keeps what the secretary typed, not yet valid, so nothing is lost (JSON endpoint for fetch).
 * What is kept must have the form's shape (ProposalDraftSchema): anything else is refused with
 * 400 and never stored.
 */
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
  const form = cleanForm(new URLSearchParams(body));
  const draft = parseDraft(parseWithZod(form, { schema: ProposalDraftSchema }).payload);
  if (!draft) return json({ error: "badShape", message: "errors.form.badShape" }, { status: 400 });
  const savedAt = await autosaveDraft(db, head.proposal.id, draft);
  return json({ savedAt: savedAt.toISOString() });
}

export function loader() {
  return json({ error: "method" }, { status: 405 });
}
