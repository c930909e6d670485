import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, MaxPartSizeExceededError, redirect } from "@remix-run/node";
import { z } from "zod";
import { memoryUploadHandler, readForm, readMultipart } from "~/forms/form-data.server";
import { intents, unknownIntent } from "~/forms/intent";
import { getProposal, removeDeckFile, setDeck } from "~/models/proposal.server";
import { MAX_UPLOAD_BYTES, storeDeckFile, UploadError } from "~/models/upload.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { refusalToast, refusedStep } from "~/server/proposal-actions.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam, MAX_INT4 } from "~/utils/params";

const MAX_FILES = 30;

/** The deck's forms: upload files (multipart), or remove one file. */
const DeckSchema = intents([
  z.object({ intent: z.literal("upload") }),
  z.object({ intent: z.literal("remove"), fileId: z.number().int().positive().max(MAX_INT4) }),
]);

/** The form sent: an upload is read with the files' size cap, anything else as a plain form. */
async function readDeckForm(request: Request) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return readForm(request);
  try {
    return await readMultipart(request, memoryUploadHandler("files", MAX_UPLOAD_BYTES));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadError("tooLarge", error.field);
    throw error;
  }
}

/**
 * Uploads or removes pitch-deck files, then goes back to the edit page. This route has no page
 * of its own: a refusal is a toast on the editor (where what was typed was autosaved before the
 * browser left it).
 */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.proposalId);
  const back = `/secretary/proposals/${id}`;
  const head = await getProposal(db, id);
  invariantResponse(head, "Not found", { status: 404 });
  invariantResponse(head.proposal.communityId === user.communityId, "Forbidden", { status: 403 });
  const refusal = await refusedStep(args, back, head, user, "edit");
  if (refusal) return refusal;

  try {
    const form = await readDeckForm(args.request);
    const submission = parseWithZod(form, { schema: DeckSchema });
    if (submission.status !== "success") {
      // The file ids are hidden fields the editor writes: a bad one is no form's.
      invariantResponse(unknownIntent(submission), "Bad request", { status: 400 });
      return redirectWithToast(args.context, args.request, back, {
        kind: "error",
        message: "errors.unknownIntent",
      });
    }
    if (submission.value.intent === "remove") {
      await removeDeckFile(db, actorOf(user), user, id, submission.value.fileId);
      return redirect(back);
    }
    const files = form
      .getAll("files")
      .filter((f): f is File => typeof f !== "string" && f.size > 0)
      .slice(0, MAX_FILES);
    if (files.length === 0) {
      return redirectWithToast(args.context, args.request, back, {
        kind: "error",
        message: "proposal.deck.errors.noFile",
      });
    }
    const stored = [];
    for (const file of files) stored.push(await storeDeckFile(config.dataDir, file));
    const hasPdf = stored.some((f) => f.mime === "application/pdf");
    // A PDF is the whole deck; images are slides added to it.
    const deck = hasPdf ? stored.filter((f) => f.mime === "application/pdf").slice(0, 1) : stored;
    await setDeck(db, actorOf(user), user, id, deck, hasPdf ? "replace" : "append");
    return redirectWithToast(args.context, args.request, back, {
      message: "proposal.deck.uploaded",
      values: { count: deck.length },
    });
  } catch (error) {
    if (error instanceof UploadError) {
      return redirectWithToast(args.context, args.request, back, {
        kind: "error",
        // A deck may be a PDF: its own wording covers both kinds.
        message: `proposal.deck.errors.${error.refusal === "typeOrPdf" ? "type" : error.refusal}`,
        values: { name: error.fileName },
      });
    }
    return refusalToast(args.context, args.request, back, error);
  }
}

export function loader({ params }: { params: { proposalId?: string } }) {
  return redirect(`/secretary/proposals/${params.proposalId ?? ""}`);
}
