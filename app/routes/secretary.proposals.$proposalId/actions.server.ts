/**
 * The editor's action, one handler per intent. A refused form comes back beside the fields
 * with what was typed (and what was typed is kept with the proposal, so a reload shows it); a
 * refused step of the flow (deadline passed, wrong status) is a toast.
 */
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, json } from "@remix-run/node";
import { requestProblems, submissionProblems, type FieldProblems } from "~/domain/proposal-content";
import { msg } from "~/forms/messages";
import { parseDraft, toContent } from "~/forms/proposal-form";
import { communityBrands } from "~/models/brand.server";
import {
  autosaveDraft,
  foreignReferences,
  type getProposalDetail,
  saveContent,
  submitProposal,
  transitionProposal,
} from "~/models/proposal.server";
import { actorOf } from "~/models/user.server";
import type { SessionUser } from "~/server/auth.server";
import { refusalToast, refusedStep } from "~/server/proposal-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import type { EditorContentValue, EditorSubmission } from "./schema";

/** Who acts on which proposal, for one request. */
export interface Editor {
  args: ActionFunctionArgs;
  user: SessionUser;
  detail: NonNullable<Awaited<ReturnType<typeof getProposalDetail>>>;
}

const pageOf = (e: Editor) => `/secretary/proposals/${e.detail.proposal.id}`;

/** The form again, with its errors and what was typed. */
function refusedForm(
  submission: EditorSubmission,
  options?: Parameters<EditorSubmission["reply"]>[0],
) {
  return json({ result: submission.reply(options) }, { status: 400 });
}

/** A toast saying why the proposal cannot be changed this way now, or null when it can. */
function flowRefusal(e: Editor, step: "edit" | "submit") {
  return refusedStep(e.args, pageOf(e), e.detail, e.user, step);
}

/** What was typed, not yet valid, stays with the proposal (a reload shows it). */
async function keepTyped(e: Editor, submission: EditorSubmission) {
  const draft = parseDraft(submission.payload);
  if (draft) await autosaveDraft(e.args.context.services.db, e.detail.proposal.id, draft);
}

/** The content's fields did not pass (or a list row was added without JavaScript). */
export async function refuseContent(
  e: Editor,
  submission: EditorSubmission,
  step: "edit" | "submit",
) {
  const refusal = await flowRefusal(e, step);
  if (refusal) return refusal;
  await keepTyped(e, submission);
  return refusedForm(submission);
}

/** The content, checked against the funds' caps and this community's needs; or the form again. */
async function checkedContent(e: Editor, submission: EditorSubmission, value: EditorContentValue) {
  const content = toContent(value);
  const problems: FieldProblems = { ...requestProblems(content, e.detail.funds) };
  const foreign = await foreignReferences(
    e.args.context.services.db,
    e.detail.proposal.id,
    content,
  );
  if (foreign.needs.length) problems.needIds = [msg("proposal.errors.foreignNeed")];
  // A brand is chosen among the community's own (the select offers only those).
  if (content.brand.trim()) {
    const own = await communityBrands(e.args.context.services.db, e.detail.proposal.communityId);
    if (!own.some((b) => b.name === content.brand.trim()))
      problems.brand = [msg("brands.errors.notOwnBrand")];
  }
  // The funds are hidden fields the page writes: another competition's fund is no form's.
  invariantResponse(foreign.funds.length === 0, "Bad request", { status: 400 });
  if (!Object.keys(problems).length) return { content };
  await keepTyped(e, submission);
  return { refused: refusedForm(submission, { fieldErrors: problems }) };
}

export async function save(e: Editor, submission: EditorSubmission, value: EditorContentValue) {
  const refusal = await flowRefusal(e, "edit");
  if (refusal) return refusal;
  const checked = await checkedContent(e, submission, value);
  if ("refused" in checked) return checked.refused;
  const { db } = e.args.context.services;
  try {
    await saveContent(db, actorOf(e.user), e.user, e.detail.proposal.id, checked.content);
  } catch (error) {
    return refusalToast(e.args.context, e.args.request, pageOf(e), error);
  }
  return redirectWithToast(e.args.context, e.args.request, pageOf(e), {
    message: "proposal.saved",
  });
}

export async function submit(e: Editor, submission: EditorSubmission, value: EditorContentValue) {
  const refusal = await flowRefusal(e, "submit");
  if (refusal) return refusal;
  const checked = await checkedContent(e, submission, value);
  if ("refused" in checked) return checked.refused;
  const { db } = e.args.context.services;
  const { detail, user } = e;
  const id = detail.proposal.id;
  const missing = submissionProblems(checked.content, detail.funds, detail.deck.length > 0);
  if (Object.keys(missing).length) {
    // Keep the draft saved, then say what is missing.
    await saveContent(db, actorOf(user), user, id, checked.content);
    return refusedForm(submission, {
      fieldErrors: missing,
      formErrors: [msg("proposal.errors.submitBlocked")],
    });
  }
  try {
    const to = await submitProposal(db, actorOf(user), user, id, checked.content);
    return redirectWithToast(e.args.context, e.args.request, `/proposals/${id}`, {
      message: to === "resubmitted" ? "proposal.resubmitted" : "proposal.submitted",
    });
  } catch (error) {
    return refusalToast(e.args.context, e.args.request, pageOf(e), error);
  }
}

export async function withdraw(e: Editor) {
  const { db } = e.args.context.services;
  try {
    await transitionProposal(db, actorOf(e.user), e.user, e.detail.proposal.id, "withdraw");
  } catch (error) {
    return refusalToast(e.args.context, e.args.request, pageOf(e), error);
  }
  return redirectWithToast(e.args.context, e.args.request, pageOf(e), {
    message: "proposal.withdrawn",
  });
}
