/**
 * Issuing a batch of ballot cards from the voting tab's form, shared by the two ways the cards
 * leave the server (once: only the tokens' hashes are kept): A4 sheets to print
 * (`…/cards`) and a CSV file for a print shop (`…/cards.csv`).
 */
import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { issueBatch, MAX_BATCH } from "~/models/ballot.server";
import { getCompetition } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { readForm } from "~/utils/form-data.server";
import { requireUser } from "./auth.server";
import { msg } from "./messages";
import { idParam } from "./params";
import { qrAddress } from "./qr.server";
import { tableToCsv } from "./results-export.server";

export const BatchSchema = z.object({
  name: z.string().trim().min(1).max(60),
  communityId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]),
  count: z.coerce.number().int().min(1).max(MAX_BATCH),
});

/** The message (an i18n key with values) for a batch form that does not parse. */
export const BATCH_INPUT_ERROR = msg("voting.batchInvalid", { max: MAX_BATCH });

export interface IssuedCard {
  url: string;
  checkCode: string;
  /** Typed at /v instead of scanning (XXXX-XXXX-XXXX). */
  typedCode: string;
}

/** Authorises, validates and issues a batch; the cards' URLs point at the public address. */
export async function issueCardsFromRequest(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const parsed = BatchSchema.safeParse(Object.fromEntries(await readForm(args.request)));
  if (!parsed.success) return { ok: false as const, error: BATCH_INPUT_ERROR };
  const { batch, tokens } = await issueBatch(db, actorOf(admin), {
    competitionId: id,
    ...parsed.data,
  });
  const address = qrAddress(args.request, config.publicUrl);
  const cards: IssuedCard[] = tokens.map((t) => ({
    url: `${address.origin}/v/${t.token}`,
    checkCode: t.checkCode,
    typedCode: t.typedCode,
  }));
  return { ok: true as const, competition, batch, cards, address };
}

/** The print shop's file: one card per row, UTF-8 with BOM, formulae escaped (Excel/WPS). */
export function cardsCsv(batchName: string, cards: IssuedCard[]) {
  return tableToCsv({
    name: batchName.slice(0, 31),
    header: ["url", "check_code", "batch", "typed_code"],
    rows: cards.map((c) => [c.url, c.checkCode, batchName, c.typedCode]),
    moneyColumns: [],
  });
}
