import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { IssueCardsForm } from "~/components/issue-cards-form";
import { QrAddressWarning } from "~/components/qr-address-warning";
import { refusal } from "~/forms/intent";
import { listCommunities } from "~/models/community.server";
import { requireUser } from "~/server/auth.server";
import { issueCardsFromRequest } from "~/server/ballot-cards.server";
import { qrAddress, qrSvg } from "~/server/qr.server";
import { idParam } from "~/utils/params";

/**
 * Cards per A4 sheet: 3 × 3 cards of 62 × 89 mm inside the page margins (186 × 269 mm), each
 * with a 46 mm QR code and room for one more short line of text.
 */
const PER_SHEET = 9;

// Also runs after the action renders the cards, so it must not redirect.
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({
    competitionId: idParam(args.params.competitionId),
    // A refused batch is shown again as its form.
    communities: await listCommunities(args.context.services.db),
    qrAddress: qrAddress(args.request, args.context.services.config.publicUrl),
  });
}

/**
 * Generates a batch of ballot cards and shows them once as A4 sheets of QR cards to print (the
 * print shop's CSV is `cards.csv`). Only the tokens' hashes stay on the server; a batch that
 * never reached residents is voided whole on the voting tab and issued again. A refused batch
 * shows its form again, with what was typed and the messages beside the fields.
 */
export async function action(args: ActionFunctionArgs) {
  const issued = await issueCardsFromRequest(args);
  if (!issued.ok)
    return json(
      { result: refusal(issued.submission, { fieldErrors: issued.fieldErrors }) },
      { status: 400 },
    );
  const { competition, batch, cards, address } = issued;
  return json(
    {
      title: competition.title,
      batchName: batch.name,
      typeAt: `${address.origin.replace(/^https?:\/\//, "")}/v`,
      cards: await Promise.all(
        cards.map(async (c) => ({ ...c, qr: await qrSvg(c.url, { margin: 0 }) })),
      ),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

function sheets<T>(items: T[]) {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_SHEET) out.push(items.slice(i, i + PER_SHEET));
  return out;
}

export default function Cards() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const { competitionId, communities, qrAddress: address } = useLoaderData<typeof loader>();
  const back = (
    <Link to={`/admin/competitions/${competitionId}/voting`} className="btn-secondary">
      {t("voting.batches")}
    </Link>
  );
  if (!data || !("cards" in data)) {
    return (
      <div className="space-y-3">
        <QrAddressWarning check={address} />
        {data ? (
          <section className="card space-y-3">
            <h2 className="text-lg font-semibold">{t("voting.generate")}</h2>
            <IssueCardsForm
              competitionId={competitionId}
              communities={communities}
              lastResult={data.result}
            />
          </section>
        ) : null}
        {back}
      </div>
    );
  }
  return (
    <div>
      <div className="mb-4 space-y-3 print:hidden">
        <QrAddressWarning check={address} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>
            {t("voting.cardsTitle")} · {data.batchName} · {data.cards.length}
          </p>
          <div className="flex gap-2">
            {back}
            <button type="button" className="btn-primary" onClick={() => window.print()}>
              {t("voting.print")}
            </button>
          </div>
        </div>
        <p className="text-sm text-stone-500">{t("voting.cardsOnce")}</p>
      </div>
      <div data-testid="ballot-cards">
        {sheets(data.cards).map((sheet, i) => (
          <ul
            key={i}
            data-testid="card-sheet"
            className="grid w-[186mm] auto-rows-[89mm] grid-cols-[repeat(3,62mm)] bg-white text-stone-950 mb-6 break-after-page last:break-after-auto print:mb-0"
          >
            {sheet.map((c) => (
              <li
                key={c.url}
                className="flex flex-col items-center justify-center overflow-hidden border border-dashed border-stone-400 px-[3mm] py-[2mm] text-center break-inside-avoid"
              >
                <p className="line-clamp-2 text-[10pt] leading-tight font-semibold">{data.title}</p>
                <div
                  className="mt-[2mm] size-[46mm] shrink-0"
                  role="img"
                  aria-label={c.url}
                  dangerouslySetInnerHTML={{ __html: c.qr }}
                />
                <p className="mt-[2mm] text-[11pt] leading-tight font-medium">
                  {t("voting.cardHint")}
                </p>
                <p
                  className="mt-[1mm] font-mono text-[9pt] leading-tight text-stone-700"
                  data-testid="check-code"
                >
                  {c.checkCode} · {data.batchName}
                </p>
                <p
                  className="mt-[1mm] font-mono text-[9pt] leading-tight font-semibold"
                  data-testid="typed-code"
                >
                  {t("voting.cardTypedCode", { code: c.typedCode, url: data.typeAt })}
                </p>
              </li>
            ))}
          </ul>
        ))}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
