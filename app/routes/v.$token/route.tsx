import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Notice, VoteFrame } from "~/components/vote-frame";
import { checkBallot, type BallotProblem } from "~/domain/ballot";
import { formatYuan } from "~/domain/money";
import {
  getBallot,
  lookupToken,
  receiptFor,
  votingWindow,
  type BallotInfo,
} from "~/models/ballot.server";
import { formatDateTime } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { failureSlowdown } from "~/utils/rate-limit.server";
import { castVote, choicesOf } from "~/utils/vote.server";

export const handle = { chromeless: true };

/**
 * The voting page of one ballot card: /v/<token>. Works without JavaScript: the form posts the
 * chosen project ids as `choice` fields; a first post shows the confirmation, a post with
 * `intent=confirm` casts the ballot. Kiosks and scripts may post `choice`s with `intent=confirm`
 * directly (a 302 to /v/<token>?cast=1 means recorded), or use POST /api/ballots/<token> for JSON.
 */

type View =
  | {
      kind: "refused";
      reason: "unknown" | "void" | "notYet" | "closed" | "throttled";
      opensAt?: string | null;
    }
  | { kind: "receipt"; receipt: string; already: boolean; slug: string }
  | { kind: "ballot"; ballot: PublicBallot; checkCode: string };

type PublicBallot = Omit<BallotInfo, "opensAt" | "closesAt"> & {
  opensAt: string | null;
  closesAt: string | null;
};

function publicBallot(info: BallotInfo): PublicBallot {
  return {
    ...info,
    opensAt: info.opensAt?.toISOString() ?? null,
    closesAt: info.closesAt?.toISOString() ?? null,
  };
}

async function view(
  args: LoaderFunctionArgs,
  token: string,
): Promise<{ view: View; status: number }> {
  const { db, limiters } = args.context.services;
  const ip = args.context.clientIp;
  const found = await lookupToken(db, token);
  if (found.status === "unknown") {
    // Only failures count, and they are slowed down, never a valid card behind the same address.
    const slow = await failureSlowdown(limiters.voteProbeByIp, ip);
    return slow.slowed
      ? { view: { kind: "refused", reason: "throttled" }, status: 429 }
      : { view: { kind: "refused", reason: "unknown" }, status: 404 };
  }
  if (found.status === "void") return { view: { kind: "refused", reason: "void" }, status: 410 };
  const info = (await getBallot(db, found.competitionId))!;
  if (found.status === "used")
    return {
      view: {
        kind: "receipt",
        receipt: await receiptFor(db, token),
        // Just cast (redirected here with ?cast=1), or a card that had voted before.
        already: new URL(args.request.url).searchParams.get("cast") !== "1",
        slug: info.slug,
      },
      status: 200,
    };
  const window = votingWindow(info);
  if (window !== "open")
    return {
      view: { kind: "refused", reason: window, opensAt: info.opensAt?.toISOString() ?? null },
      status: 403,
    };
  return {
    view: { kind: "ballot", ballot: publicBallot(info), checkCode: found.checkCode },
    status: 200,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { view: v, status } = await view(args, args.params.token ?? "");
  return json(v, { status, headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

export async function action(args: ActionFunctionArgs) {
  const token = args.params.token ?? "";
  const form = await readForm(args.request);
  const choices = choicesOf(form);
  const intent = form.get("intent");

  if (intent === "back") return json({ step: "choose" as const, problem: null, choices });
  if (intent !== "confirm") {
    // Step one: check the choice and show it back for confirmation (nothing is recorded yet).
    const { view: v, status } = await view(args, token);
    if (v.kind !== "ballot") return json({ step: "refused" as const, view: v }, { status });
    const check = checkBallot(
      {
        rule: v.ballot.rule,
        maxChoices: v.ballot.maxChoices,
        voterBudgetFen: v.ballot.voterBudgetFen,
      },
      v.ballot.projects,
      choices,
    );
    if (!check.ok)
      return json({ step: "choose" as const, problem: check.problem, choices }, { status: 400 });
    return json({ step: "confirm" as const, choices });
  }

  const result = await castVote(args.context.services, args.context.clientIp, token, choices);
  if (result.ok)
    return redirect(`/v/${encodeURIComponent(token)}${result.status === "cast" ? "?cast=1" : ""}`);
  if (["empty", "tooMany", "notOnBallot", "duplicate", "overBudget"].includes(result.refusal)) {
    return json(
      { step: "choose" as const, problem: result.refusal as BallotProblem, choices },
      { status: 400 },
    );
  }
  return redirect(`/v/${encodeURIComponent(token)}`);
}

type StepData =
  | { step: "choose"; problem: BallotProblem | null; choices: number[] }
  | { step: "confirm"; choices: number[] }
  | { step: "refused"; view: View };

export default function VotePage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>() as View;
  const raw = useActionData<typeof action>();
  const actionData = raw && "step" in raw ? (raw as StepData) : undefined;
  const v = actionData?.step === "refused" ? actionData.view : loaded;
  if (v.kind === "refused") {
    return (
      <VoteFrame title={t("vote.title")}>
        <Notice tone="error">
          {t(`vote.refusals.${v.reason}`, { time: formatDateTime(v.opensAt ?? null) })}
        </Notice>
      </VoteFrame>
    );
  }
  if (v.kind === "receipt") {
    return (
      <VoteFrame title={v.already ? t("vote.alreadyTitle") : t("vote.receiptTitle")}>
        <Notice tone={v.already ? "info" : "success"}>
          <p className="text-2xl font-bold">
            {v.already ? t("vote.alreadyTitle") : t("vote.receiptTitle")}
          </p>
        </Notice>
        <section className="mt-6 rounded-2xl border-2 border-stone-900 p-6 text-center">
          <p className="text-xl">{t("vote.receipt")}</p>
          <p className="mt-2 font-mono text-4xl font-bold tracking-wider" data-testid="receipt">
            {v.receipt}
          </p>
        </section>
        <p className="mt-4">{t("vote.receiptHint")}</p>
        <Link
          to={`/p/${v.slug}/receipt?code=${encodeURIComponent(v.receipt)}`}
          className="btn-secondary mt-4 w-full text-xl"
        >
          {t("vote.checkReceipt")}
        </Link>
      </VoteFrame>
    );
  }
  const confirm = actionData?.step === "confirm" ? actionData.choices : null;
  return confirm ? (
    <ConfirmStep ballot={v.ballot} choices={confirm} />
  ) : (
    <ChooseStep
      ballot={v.ballot}
      checkCode={v.checkCode}
      initial={actionData?.step === "choose" ? actionData.choices : []}
      problem={actionData?.step === "choose" ? actionData.problem : null}
    />
  );
}

function ChooseStep({
  ballot,
  checkCode,
  initial,
  problem,
}: {
  ballot: PublicBallot;
  checkCode: string;
  initial: number[];
  problem: BallotProblem | null;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number[]>(initial);
  const navigation = useNavigation();
  const approval = ballot.rule === "approval";
  const spent = ballot.projects
    .filter((p) => chosen.includes(p.id))
    .reduce((s, p) => s + p.requestedFen, 0);
  const full = approval && chosen.length >= ballot.maxChoices;
  const toggle = (id: number, on: boolean) =>
    setChosen((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  return (
    <VoteFrame title={ballot.title}>
      <p className="text-xl">
        {approval
          ? t("vote.intro", { k: ballot.maxChoices })
          : t("vote.introBudget", { budget: formatYuan(ballot.voterBudgetFen ?? 0) })}
      </p>
      {problem ? (
        <div className="mt-4">
          <Notice tone="error">{t(`vote.problems.${problem}`, { k: ballot.maxChoices })}</Notice>
        </div>
      ) : null}
      <Form method="post" className="mt-4" id="ballot">
        <ul className="space-y-3">
          {ballot.projects.map((p) => {
            const on = chosen.includes(p.id);
            const disabled =
              !on &&
              (full ||
                (!approval &&
                  ballot.voterBudgetFen !== null &&
                  spent + p.requestedFen > ballot.voterBudgetFen));
            return (
              <li key={p.id}>
                <label
                  className={`flex cursor-pointer gap-4 rounded-2xl border-2 p-4 ${on ? "border-brand-700 bg-brand-50" : "border-stone-300"} ${disabled ? "opacity-60" : ""}`}
                >
                  <input
                    type="checkbox"
                    name="choice"
                    value={p.id}
                    checked={on}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    disabled={disabled}
                    className="mt-1 size-8 shrink-0 accent-brand-700"
                    aria-describedby={`p-${p.id}-summary`}
                  />
                  <span className="min-w-0">
                    <span className="block text-base font-semibold text-brand-700">
                      {t("vote.number", { n: p.number })} · {p.communityName}
                    </span>
                    <span className="block text-xl font-bold leading-snug">{p.title}</span>
                    {p.brand ? (
                      <span className="block text-base text-stone-700">{p.brand}</span>
                    ) : null}
                    <span id={`p-${p.id}-summary`} className="mt-1 block text-base text-stone-800">
                      {p.summary}
                    </span>
                    {!approval ? (
                      <span className="block text-base font-semibold">
                        {t("vote.requested", { amount: formatYuan(p.requestedFen) })}
                      </span>
                    ) : null}
                    <a
                      href={`/p/${ballot.slug}/${p.id}`}
                      className="mt-1 inline-block text-base text-sky-800 underline"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {t("vote.details")}
                    </a>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <p className="mt-4 text-sm text-stone-500">{t("vote.checkCode", { code: checkCode })}</p>
        <div className="fixed inset-x-0 bottom-0 border-t-2 border-stone-900 bg-white px-4 py-3">
          <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
            <p className="text-xl font-bold" aria-live="polite" data-testid="chosen-count">
              {approval
                ? t("vote.chosen", { n: chosen.length, k: ballot.maxChoices })
                : t("vote.spent", {
                    spent: formatYuan(spent),
                    budget: formatYuan(ballot.voterBudgetFen ?? 0),
                  })}
            </p>
            <button
              type="submit"
              name="intent"
              value="review"
              className="btn-primary min-h-14 px-6 text-xl"
              disabled={navigation.state !== "idle"}
            >
              {t("vote.next")}
            </button>
          </div>
        </div>
      </Form>
    </VoteFrame>
  );
}

function ConfirmStep({ ballot, choices }: { ballot: PublicBallot; choices: number[] }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const chosen = ballot.projects.filter((p) => choices.includes(p.id));
  return (
    <VoteFrame title={t("vote.confirmTitle")}>
      <p className="text-xl">{t("vote.confirmBody")}</p>
      <ul className="mt-4 space-y-3" data-testid="confirm-list">
        {chosen.map((p) => (
          <li key={p.id} className="rounded-2xl border-2 border-brand-700 bg-brand-50 p-4">
            <span className="block text-base font-semibold text-brand-700">
              {t("vote.number", { n: p.number })} · {p.communityName}
            </span>
            <span className="block text-xl font-bold">{p.title}</span>
          </li>
        ))}
      </ul>
      <Form method="post" className="mt-6 space-y-3">
        {chosen.map((p) => (
          <input key={p.id} type="hidden" name="choice" value={p.id} />
        ))}
        <button
          type="submit"
          name="intent"
          value="confirm"
          className="btn-primary min-h-16 w-full text-2xl"
          disabled={navigation.state !== "idle"}
        >
          {t("vote.confirm")}
        </button>
        <button
          type="submit"
          name="intent"
          value="back"
          className="btn-secondary min-h-14 w-full text-xl"
          formNoValidate
        >
          {t("vote.back")}
        </button>
      </Form>
    </VoteFrame>
  );
}

export const meta: MetaFunction = () => [
  { title: "居民投票 · 社区路演" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
