import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CompetitionBasicsFields } from "~/components/competition-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoundField, BoundSelect, BoundTextarea, ErrorList } from "~/components/forms";
import { COMPETITION_PHASES, JUDGE_AGGREGATIONS, VERIFICATION_MODES } from "~/domain/enums";
import { ruleAllowed, rulesFor } from "~/domain/evaluation";
import { fenToInput } from "~/domain/money";
import { CompetitionPageSchema, SettingsSchema } from "~/forms/competition-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import {
  changePhase,
  getCompetition,
  SetupError,
  updateCompetition,
} from "~/models/competition.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { routeCompetition } from "~/server/competition-route.server";
import { redirectWithToast } from "~/server/toast.server";
import { toLocalInput } from "~/utils/datetime";
import { idParam } from "~/utils/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const competition = await getCompetition(
    args.context.services.db,
    idParam(args.params.competitionId),
  );
  invariantResponse(competition, "Not found", { status: 404 });
  // Observers read the settings; only the street changes them.
  return json({ competition, canEdit: user.role === "street_admin" });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db, id, competition } = await routeCompetition(args);
  const formData = await readForm(args.request);
  const here = `/admin/competitions/${id}`;

  const submission = parseWithZod(formData, { schema: CompetitionPageSchema });
  if (submission.status !== "success") {
    // Refused beside the fields of the form that was sent, with what was typed kept.
    const intent = formData.get("intent") === "phase" ? "phase" : "settings";
    return json({ intent, result: refusal(submission) }, { status: 400 });
  }

  if (submission.value.intent === "phase") {
    const to = submission.value.phase;
    try {
      await changePhase(db, actorOf(admin), id, to, submission.value.reason ?? "");
    } catch (error) {
      if (!(error instanceof SetupError)) throw error;
      const field = error.message === "reasonRequired" ? "reason" : "phase";
      const message =
        error.message === "reasonRequired"
          ? msg("errors.reasonRequired")
          : msg("competition.phaseSame");
      return json(
        { intent: "phase", result: submission.reply({ fieldErrors: { [field]: [message] } }) },
        { status: 400 },
      );
    }
    return redirectWithToast(args.context, args.request, here, {
      message: "competition.phaseChanged",
      values: { phase: to },
    });
  }

  const v = submission.value;
  // Ratings belong to 效果共评 rounds, budgets to competitions.
  if (!ruleAllowed(competition.kind, v.voteRule))
    return json(
      {
        intent: "settings",
        result: refusal(submission, { fieldErrors: { voteRule: [msg("errors.invalidChoice")] } }),
      },
      { status: 400 },
    );
  const saved = await updateCompetition(db, actorOf(admin), id, {
    title: v.title,
    year: v.year,
    round: v.round,
    description: v.description ?? "",
    proposalDeadline: v.proposalDeadline,
    roadshowAt: v.roadshowAt,
    votingOpensAt: v.votingOpensAt,
    votingClosesAt: v.votingClosesAt,
    noticeStartsAt: v.noticeStartsAt,
    noticeEndsAt: v.noticeEndsAt,
    judgeWeightPct: v.judgeWeightPct,
    voteRule: v.voteRule,
    approvalMaxChoices: v.approvalMaxChoices,
    voterBudgetFen: v.voterBudget,
    verificationMode: v.verificationMode,
    judgeAggregation: v.judgeAggregation,
    pitchSeconds: v.pitchMinutes,
    qaSeconds: v.qaMinutes,
  });
  if (saved === "voteRuleLocked")
    return json(
      {
        intent: "settings",
        result: refusal(submission, {
          fieldErrors: { voteRule: [msg("competition.voteRuleLocked")] },
        }),
      },
      { status: 400 },
    );
  return redirectWithToast(args.context, args.request, here, { message: "competition.saved" });
}

/** The schedule's moments, in their order on the form. */
const SCHEDULE = [
  "proposalDeadline",
  "roadshowAt",
  "votingOpensAt",
  "votingClosesAt",
  "noticeStartsAt",
  "noticeEndsAt",
] as const;

export default function CompetitionSettings() {
  const { t } = useTranslation();
  const { competition: c, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `settings-${c.id}`,
    lastResult: actionData?.intent === "settings" ? actionData.result : undefined,
    constraint: getZodConstraint(SettingsSchema),
    shouldRevalidate: "onInput",
    defaultValue: {
      title: c.title,
      year: String(c.year),
      round: String(c.round),
      description: c.description,
      proposalDeadline: toLocalInput(c.proposalDeadline),
      roadshowAt: toLocalInput(c.roadshowAt),
      votingOpensAt: toLocalInput(c.votingOpensAt),
      votingClosesAt: toLocalInput(c.votingClosesAt),
      noticeStartsAt: toLocalInput(c.noticeStartsAt),
      noticeEndsAt: toLocalInput(c.noticeEndsAt),
      judgeWeightPct: String(c.judgeWeightPct),
      voteRule: c.voteRule,
      approvalMaxChoices: String(c.approvalMaxChoices),
      voterBudget: fenToInput(c.voterBudgetFen),
      verificationMode: c.verificationMode,
      judgeAggregation: c.judgeAggregation,
      pitchMinutes: String(c.pitchSeconds / 60),
      qaMinutes: String(c.qaSeconds / 60),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  const [phaseForm, phaseFields] = useForm({
    id: `phase-${c.id}`,
    lastResult: actionData?.intent === "phase" ? actionData.result : undefined,
    defaultValue: {
      reason: "",
      phase:
        COMPETITION_PHASES[
          Math.min(COMPETITION_PHASES.indexOf(c.phase) + 1, COMPETITION_PHASES.length - 1)
        ],
    },
  });
  const judgeWeight = Number(fields.judgeWeightPct.value ?? c.judgeWeightPct);
  const phases = (
    <ol className="space-y-1 text-sm">
      {COMPETITION_PHASES.map((p) => (
        <li key={p} className={p === c.phase ? "font-semibold text-brand-700" : "text-stone-500"}>
          {p === c.phase ? "▶ " : ""}
          {t(`phases.${p}`)}
        </li>
      ))}
    </ol>
  );
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Form method="post" {...getFormProps(form)} className="card space-y-6 lg:col-span-2">
        <input type="hidden" name="intent" value="settings" />
        <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
          <CompetitionBasicsFields fields={fields} />
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{t("competition.schedule")}</legend>
          {SCHEDULE.map((name) => (
            <BoundField
              key={name}
              label={t(`competition.${name}`)}
              field={fields[name]}
              type="datetime-local"
            />
          ))}
          {(["pitchMinutes", "qaMinutes"] as const).map((name) => (
            <BoundField
              key={name}
              label={t(`competition.${name}`)}
              field={fields[name]}
              type="number"
              inputProps={{ step: 0.5 }}
            />
          ))}
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{t("competition.weights")}</legend>
          <BoundField
            label={t("competition.judgeWeight")}
            hint={t("competition.residentWeight", {
              pct: Number.isFinite(judgeWeight) ? 100 - judgeWeight : "—",
            })}
            field={fields.judgeWeightPct}
            type="number"
          />
          <BoundSelect
            label={t("competition.judgeAggregation")}
            field={fields.judgeAggregation}
            options={JUDGE_AGGREGATIONS}
            optionLabel={(a) => t(`competition.aggregations.${a}`)}
          />
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{t("competition.voting")}</legend>
          <BoundSelect
            label={t("competition.voteRule")}
            field={fields.voteRule}
            options={rulesFor(c.kind)}
            optionLabel={(r) => t(`competition.voteRules.${r}`)}
          />
          <BoundSelect
            label={t("competition.verificationMode")}
            field={fields.verificationMode}
            options={VERIFICATION_MODES}
            optionLabel={(m) => t(`competition.verificationModes.${m}`)}
          />
          <BoundField
            label={t("competition.approvalMaxChoices")}
            field={fields.approvalMaxChoices}
            type="number"
          />
          <BoundField
            label={t("competition.voterBudget")}
            field={fields.voterBudget}
            inputProps={{ inputMode: "decimal" }}
          />
        </fieldset>
        <ErrorList id={form.errorId} errors={form.errors} />
        {canEdit ? (
          <button type="submit" className="btn-primary">
            {t("competition.save")}
          </button>
        ) : null}
      </Form>
      {canEdit ? null : (
        <section className="card h-fit space-y-4">
          <h2 className="text-lg font-semibold">{t("admin.phase")}</h2>
          {phases}
        </section>
      )}
      {!canEdit ? null : (
        <Form method="post" {...getFormProps(phaseForm)} className="card h-fit space-y-4">
          <input type="hidden" name="intent" value="phase" />
          <h2 className="text-lg font-semibold">{t("competition.changePhase")}</h2>
          {phases}
          <BoundSelect
            label={t("competition.nextPhase")}
            field={phaseFields.phase}
            options={COMPETITION_PHASES}
            optionLabel={(p) => t(`phases.${p}`)}
          />
          <BoundTextarea label={t("competition.phaseReason")} field={phaseFields.reason} rows={2} />
          <button type="submit" className="btn-secondary w-full">
            {t("competition.changePhase")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
