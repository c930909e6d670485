/**
 * Issuing a batch of ballot cards from the voting tab's form, shared by the two ways the cards
 * leave the server (once: only the tokens' hashes are kept): A4 sheets to print
 * (`…/cards`) and a CSV file for a print shop (`…/cards.csv`).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_BATCH } from "~/domain/ballot";
import { readForm } from "~/forms/form-data.server";
import { issueBatch } from "~/models/ballot.server";
import { listCommunities } from "~/models/community.server";
import { getCompetition } from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { IssueCardsPageSchema } from "../forms/ballot-cards-form";
import { msg } from "../forms/messages";
import { idParam } from "../utils/params";
import { requireUser } from "./auth.server";
import { qrAddress } from "./qr.server";
import { tableToCsv } from "./results-export.server";

/** The print shop's download answers a refused batch in one line (the page shows it in words). */
export const BATCH_INPUT_ERROR = msg("voting.batchInvalid", { max: MAX_BATCH });

interface IssuedCard {
  url: string;
  checkCode: string;
  /** Typed at /v instead of scanning (XXXX-XXXX-XXXX). */
  typedCode: string;
}

/**
 * Authorises, validates and issues a batch; the cards' URLs point at the public address. A
 * refused form comes back as its submission (with any refusal found after parsing in
 * `fieldErrors`), for the caller to answer.
 */
export async function issueCardsFromRequest(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, config } = args.context.services;
  const id = idParam(args.params.competitionId);
  const competition = await getCompetition(db, id);
  invariantResponse(competition, "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: IssueCardsPageSchema });
  if (submission.status !== "success") return { ok: false as const, submission };
  const { name, communityId, count } = submission.value;
  if (communityId !== undefined && !(await listCommunities(db)).some((c) => c.id === communityId))
    return {
      ok: false as const,
      submission,
      fieldErrors: { communityId: [msg("errors.invalidChoice")] },
    };
  const { batch, tokens } = await issueBatch(db, actorOf(admin), {
    competitionId: id,
    name,
    communityId: communityId ?? null,
    count,
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
