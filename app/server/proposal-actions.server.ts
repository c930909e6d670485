/**
 * Shared by proposal routes: the flow context of a user and a proposal, and refusal handling.
 * A step the flow refuses (deadline passed, wrong status, another community) is a toast on the
 * page, never a 500; a form the fields refuse comes back with `submission.reply()` instead.
 */
import type { AppLoadContext } from "@remix-run/node";
import { checkAction, type FlowContext, type ProposalAction } from "~/domain/proposal-flow";
import { type getProposal, FlowError } from "~/models/proposal.server";
import type { SessionUser } from "./auth.server";
import { redirectWithToast } from "./toast.server";

type Head = NonNullable<Awaited<ReturnType<typeof getProposal>>>;

export function flowContext(head: Head, user: SessionUser | null, now = new Date()): FlowContext {
  return {
    status: head.proposal.status,
    role: user?.role ?? "observer",
    ownCommunity: Boolean(
      user && user.role === "secretary" && user.communityId === head.proposal.communityId,
    ),
    phase: head.competition.phase,
    now,
    deadline: head.competition.proposalDeadline,
  };
}

/** Turns a refused transition into a toast on the page, never a 500. */
export async function refusalToast(
  context: AppLoadContext,
  request: Request,
  url: string,
  error: unknown,
) {
  if (!(error instanceof FlowError)) throw error;
  return redirectWithToast(context, request, url, {
    kind: "error",
    message: `proposal.refusals.${error.refusal}`,
  });
}

/** A toast saying why this step is refused now, or null when the flow allows it. */
export async function refusedStep(
  { context, request }: { context: AppLoadContext; request: Request },
  url: string,
  head: Head,
  user: SessionUser,
  step: ProposalAction,
) {
  const check = checkAction(step, flowContext(head, user));
  return check.ok ? null : refusalToast(context, request, url, new FlowError(check.refusal));
}
