import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getBallot } from "~/models/ballot.server";
import { requireUser } from "~/server/auth.server";
import { idParam } from "~/utils/params";

export const handle = { chromeless: true };

/** The A4 paper ballot, numbered exactly like the online ballot. */
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
