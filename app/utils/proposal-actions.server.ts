/** Shared by proposal routes: the flow context of a user and a proposal, and refusal handling. */
import type { AppLoadContext } from "@remix-run/node";
import type { FlowContext } from "~/domain/proposal-flow";
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
