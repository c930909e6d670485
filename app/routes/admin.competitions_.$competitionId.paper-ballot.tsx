import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RATING_LEVELS } from "~/domain/evaluation";
import { getBallot } from "~/models/ballot.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";

export const handle = { chromeless: true };

/**
 * The A4 paper ballot, numbered exactly like the online ballot; in a 效果共评 round in rating
 * mode a rating sheet (a box for each of 1–5 per project), counted per level by the clerks.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: ["street_admin", "observer", "clerk"] });
  const ballot = await getBallot(
    args.context.services.db,
    idParam(args.params.competitionId),
    true,
  );
  invariantResponse(ballot, "Not found", { status: 404 });
  return json({ ballot });
}

export default function PaperBallot() {
  const { t } = useTranslation();
  const { ballot } = useLoaderData<typeof loader>();
  if (ballot.rule === "rating") return <RatingSheet ballot={ballot} />;
  return (
    <main className="mx-auto max-w-[190mm] bg-white p-8 text-stone-950 print:p-0">
      <h1 className="text-center text-2xl font-bold">{ballot.title}</h1>
      <h2 className="mt-1 text-center text-xl">{t("paper.ballotTitle")}</h2>
      <p className="mt-4 text-base">{t("paper.ballotInstructions", { k: ballot.maxChoices })}</p>
      <ol
        className="mt-4 divide-y divide-stone-400 border-y border-stone-400"
        data-testid="paper-ballot"
      >
        {ballot.projects.map((p) => (
          <li key={p.id} className="flex items-center gap-4 py-3 break-inside-avoid">
            <span className="size-8 shrink-0 border-2 border-stone-900" aria-hidden />
            <span className="w-12 shrink-0 text-xl font-bold tabular-nums">{p.number}</span>
            <span>
              <span className="block text-lg font-semibold">{p.title}</span>
              <span className="block text-sm">
                {p.communityName} · {p.brand}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </main>
  );
}

/** 效果共评 in rating mode: per project a box for each of 1–5 (tick one, or none). */
function RatingSheet({
  ballot,
}: {
  ballot: ReturnType<typeof useLoaderData<typeof loader>>["ballot"];
}) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-[190mm] bg-white p-8 text-stone-950 print:p-0">
      <h1 className="text-center text-2xl font-bold">{ballot.title}</h1>
      <h2 className="mt-1 text-center text-xl">{t("paper.rating.ballotTitle")}</h2>
      <p className="mt-4 text-base">{t("paper.rating.ballotInstructions")}</p>
      <ol
        className="mt-4 divide-y divide-stone-400 border-y border-stone-400"
        data-testid="paper-ballot"
      >
        {ballot.projects.map((p) => (
          <li
            key={p.id}
            className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 break-inside-avoid"
          >
            <span className="w-12 shrink-0 text-xl font-bold tabular-nums">{p.number}</span>
            <span className="min-w-0 flex-1">
              <span className="block text-lg font-semibold">{p.title}</span>
              <span className="block text-sm">
                {p.communityName} · {p.brand}
              </span>
            </span>
            <span className="flex shrink-0 gap-3" aria-hidden>
              {RATING_LEVELS.map((level) => (
                <span key={level} className="flex items-center gap-1 text-base">
                  <span className="size-7 border-2 border-stone-900" />
                  {level}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
