/**
 * The rounds compared: who sees which rounds (the street and observers every round of the
 * street, or one chain with `?competition=<id>`; everyone the published rounds of a published
 * round's chain), the figures and the charts drawn on the server.
 */
import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { publishedRun } from "~/models/results.server";
import { loadRounds } from "~/models/rounds.server";
import { competitions } from "../../db/schema";
import { requireUser } from "./auth.server";
import { roundsCharts } from "./rounds-charts.server";

export async function roundsPage(args: LoaderFunctionArgs, audience: "street" | "public") {
  const { db } = args.context.services;
  let chainOf: number | undefined;
  if (audience === "street") {
    await requireUser(args, { role: ["street_admin", "observer"] });
    const raw = new URL(args.request.url).searchParams.get("competition");
    if (raw) {
      invariantResponse(/^\d{1,9}$/.test(raw), "Not found", { status: 404 });
      chainOf = Number(raw);
    }
  } else {
    const [c] = await db
      .select({ id: competitions.id, evaluates: competitions.evaluatesCompetitionId })
      .from(competitions)
      .where(eq(competitions.slug, args.params.slug ?? ""));
    // A 效果共评 round's comparison is that of the competition it judges. Only a published round
    // has a public comparison (with the published rounds of its chain).
    const id = c?.evaluates ?? c?.id;
    invariantResponse(id != null && (await publishedRun(db, id)), "Not found", { status: 404 });
    chainOf = id;
  }
  const rounds = await loadRounds(db, { publishedOnly: audience === "public", chainOf });
  if (chainOf !== undefined) invariantResponse(rounds.length, "Not found", { status: 404 });
  const t = createI18n(await getLocale(args.request)).t;
  const tr = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  return { audience, rounds, charts: roundsCharts(tr, rounds) };
}
