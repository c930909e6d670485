import type { ActionFunctionArgs } from "@remix-run/node";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { cardsCsv, issueCardsFromRequest } from "~/utils/ballot-cards.server";
import { translateMessage } from "~/utils/messages";

/**
 * Issues a batch of ballot cards as a CSV file for a print shop. A resource route, so the file
 * reaches the browser as a download (a page route's action would render it into the page).
 */
export async function action(args: ActionFunctionArgs) {
  const issued = await issueCardsFromRequest(args);
  if (!issued.ok)
    return new Response(
      translateMessage(createI18n(await getLocale(args.request)).t, issued.error),
      {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
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
