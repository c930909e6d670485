import { invariantResponse } from "@epic-web/invariant";
import {
  type ActionFunctionArgs,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
} from "@remix-run/node";
import { checkAction } from "~/domain/proposal-flow";
import { getProposal, removeDeckFile, setDeck } from "~/models/proposal.server";
import { MAX_UPLOAD_BYTES, storeDeckFile, UploadError } from "~/models/upload.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm, readMultipart } from "~/utils/form-data.server";
import { idParam } from "~/utils/params";
import { flowContext, refusalToast } from "~/utils/proposal-actions.server";
import { redirectWithToast } from "~/utils/toast.server";

const MAX_FILES = 30;

/** Uploads (multipart) or removes pitch-deck files, then goes back to the edit page. */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.proposalId);
  const back = `/secretary/proposals/${id}`;
  const head = await getProposal(db, id);
  invariantResponse(head, "Not found", { status: 404 });
  invariantResponse(head.proposal.communityId === user.communityId, "Forbidden", { status: 403 });
  const check = checkAction("edit", flowContext(head, user));
  if (!check.ok) {
    return redirectWithToast(args.context, args.request, back, {
      kind: "error",
      message: `proposal.refusals.${check.refusal}`,
    });
  }

  const type = args.request.headers.get("Content-Type") ?? "";
  try {
    if (!type.startsWith("multipart/form-data")) {
      const form = await readForm(args.request);
      const fileId = Number(form.get("fileId"));
      invariantResponse(
        form.get("intent") === "remove" && Number.isSafeInteger(fileId),
        "Bad request",
        { status: 400 },
      );
      await removeDeckFile(db, actorOf(user), user, id, fileId);
      return redirect(back);
    }
    let form: FormData;
    try {
      form = await readMultipart(
        args.request,
        unstable_createMemoryUploadHandler({
          maxPartSize: MAX_UPLOAD_BYTES,
          filter: ({ name }) => name === "files",
        }),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) throw new UploadError("tooLarge", error.field);
      throw error;
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
        message: `proposal.deck.errors.${error.refusal}`,
        values: { name: error.fileName },
      });
    }
    return refusalToast(args.context, args.request, back, error);
  }
}

export function loader({ params }: { params: { proposalId?: string } }) {
  return redirect(`/secretary/proposals/${params.proposalId ?? ""}`);
}
