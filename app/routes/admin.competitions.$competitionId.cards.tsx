import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { toCsv } from "~/domain/csv";
import { issueBatch, MAX_BATCH } from "~/models/ballot.server";
import { getCompetition } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { idParam } from "~/utils/params";
import { publicOrigin, qrSvg } from "~/utils/qr.server";

// Also runs after the action renders the cards, so it must not redirect.
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({ competitionId: idParam(args.params.competitionId) });
}

const BatchSchema = z.object({
  name: z.string().trim().min(1).max(60),
  communityId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]),
  count: z.coerce.number().int().min(1).max(MAX_BATCH),
  format: z.enum(["print", "csv"]),
});

/**
 * Generates a batch of ballot cards and hands them out once: as A4 sheets of QR cards to print,
 * or as a CSV for a print shop. Only the tokens' hashes stay on the server.
 */
export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const parsed = BatchSchema.safeParse(Object.fromEntries(await args.request.formData()));
  invariantResponse(parsed.success, "请填写批次名称和 1–5000 之间的张数", { status: 400 });
  const { batch, tokens } = await issueBatch(db, actorOf(admin), {
    competitionId: id,
    ...parsed.data,
  });
  const origin = publicOrigin(args.request, config.publicUrl);
  const cards = tokens.map((t) => ({ url: `${origin}/v/${t.token}`, checkCode: t.checkCode }));
  if (parsed.data.format === "csv") {
    const csv = toCsv(
      ["url", "check_code", "batch"],
      cards.map((c) => [c.url, c.checkCode, batch.name]),
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="ballot-cards-${batch.id}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return json(
    {
      title: competition.title,
      batchName: batch.name,
      cards: await Promise.all(
        cards.map(async (c) => ({ ...c, qr: await qrSvg(c.url, { margin: 0 }) })),
      ),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Cards() {
  const { t } = useTranslation();
  // The action answers a printable batch as data (the CSV format is a file download instead).
  const data = useActionData<typeof action>() as
    | {
        title: string;
        batchName: string;
        cards: Array<{ url: string; checkCode: string; qr: string }>;
      }
    | undefined;
  const { competitionId } = useLoaderData<typeof loader>();
  if (!data?.cards) {
    return (
      <Link to={`/admin/competitions/${competitionId}/voting`} className="btn-secondary">
        {t("voting.batches")}
      </Link>
    );
  }
  return (
    <div>
      <div className="mb-4 flex items-center justify-between print:hidden">
        <p>
          {t("voting.cardsTitle")} · {data.batchName} · {data.cards.length}
        </p>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {t("voting.print")}
        </button>
      </div>
      <ul className="grid grid-cols-3 gap-0 print:gap-0" data-testid="ballot-cards">
        {data.cards.map((c) => (
          <li
            key={c.url}
            className="flex h-[93mm] break-inside-avoid flex-col items-center justify-center border border-dashed border-stone-300 p-3 text-center"
          >
            <p className="text-sm font-semibold">{data.title}</p>
            <div
              className="my-2 size-36"
              role="img"
              aria-label={c.url}
              dangerouslySetInnerHTML={{ __html: c.qr }}
            />
            <p className="text-sm">{t("voting.cardHint")}</p>
            <p className="mt-1 font-mono text-xs text-stone-500" data-testid="check-code">
              {c.checkCode} · {data.batchName}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
