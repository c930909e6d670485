import type { ActionFunctionArgs } from "@remix-run/node";
import { unknownIntent } from "~/forms/intent";
import { msg, translateMessage } from "~/forms/messages";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { BATCH_INPUT_ERROR, cardsCsv, issueCardsFromRequest } from "~/server/ballot-cards.server";

/**
 * Issues a batch of ballot cards as a CSV file for a print shop. A resource route, so the file
 * reaches the browser as a download (a page route's action would render it into the page). A
 * refused batch is one line of text, which the voting tab shows under its form (the form's own
 * checks, in the browser, catch what a person can mistype before anything is sent).
 */
export async function action(args: ActionFunctionArgs) {
  const issued = await issueCardsFromRequest(args);
  if (!issued.ok) {
    const message = unknownIntent(issued.submission)
      ? msg("errors.unknownIntent")
      : (issued.fieldErrors?.communityId[0] ?? BATCH_INPUT_ERROR);
    return new Response(translateMessage(createI18n(await getLocale(args.request)).t, message), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { batch, cards } = issued;
  const filename = `ballot-cards-${batch.id}.csv`;
  const localName = `投票卡-${batch.name.replace(/[\\/:*?"<>|\s]+/g, "_")}-${batch.id}.csv`;
  return new Response(cardsCsv(batch.name, cards), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(localName)}`,
      "Cache-Control": "no-store",
      "X-Batch-Id": String(batch.id),
    },
  });
}
