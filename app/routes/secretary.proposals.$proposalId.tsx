import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/forms";
import { DeckViewer } from "~/components/proposal-view";
import { StatusBadge } from "~/components/status-badge";
import { summariseBudget } from "~/domain/competition-rules";
import { PARTNER_TYPES, PROJECT_CATEGORIES } from "~/domain/enums";
import { formatYuan, lineTotalFen, parseQuantity, parseYuan } from "~/domain/money";
import { requestProblems, submissionProblems, type FieldProblems } from "~/domain/proposal-content";
import { availableActions, checkAction } from "~/domain/proposal-flow";
import { listNeeds } from "~/models/need.server";
import {
  autosaveDraft,
  FlowError,
  foreignReferences,
  getProposalDetail,
  saveContent,
  submitProposal,
  transitionProposal,
} from "~/models/proposal.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/datetime";
import { readForm } from "~/utils/form-data.server";
import { formNamesProblem, MAX_FORM_FIELDS } from "~/utils/form-shape";
import { msg } from "~/utils/messages";
import { idParam } from "~/utils/params";
import { flowContext, refusalToast } from "~/utils/proposal-actions.server";
import {
  contentToForm,
  parseDraft,
  ProposalDraftSchema,
  ProposalFormSchema,
  toContent,
  type ProposalFormDefaults,
} from "~/utils/proposal-form";
import { redirectWithToast } from "~/utils/toast.server";
import { clearLocalCopy, readLocalCopy, useAutosave } from "~/utils/use-autosave";

async function loadOwn(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const detail = await getProposalDetail(args.context.services.db, idParam(args.params.proposalId));
  invariantResponse(detail, "Not found", { status: 404 });
  invariantResponse(detail.proposal.communityId === user.communityId, "Forbidden", { status: 403 });
  return { user, detail };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, detail } = await loadOwn(args);
  const ctx = flowContext(detail, user);
  const needs = await listNeeds(args.context.services.db, {
    communityId: detail.proposal.communityId,
  });
  const fundIds = detail.funds.map((f) => f.id);
  const saved = contentToForm(detail.content, fundIds);
  // Only a draft in the form's shape reaches the page; anything else is dropped, with a notice.
  const stored = detail.proposal.formState;
  const unsaved = stored == null ? null : parseDraft(stored);
  const deadline = detail.competition.proposalDeadline;
  return json({
    proposal: {
      id: detail.proposal.id,
      title: detail.proposal.title,
      status: detail.proposal.status,
      version: detail.proposal.version,
      reviewNotes: detail.proposal.reviewNotes as {
        reason?: string;
        fields?: Record<string, string>;
      } | null,
    },
    competition: detail.competition,
    community: detail.community,
    funds: detail.funds.map((f) => ({
      id: f.id,
      name: f.name,
      perProjectCapFen: f.perProjectCapFen,
    })),
    needs: needs.map((n) => ({
      id: n.id,
      title: n.title,
      raisedCount: n.raisedCount,
      status: n.status,
    })),
    deck: detail.deck,
    // What was last typed wins over what was last saved: nothing typed is lost.
    defaultValue: unsaved
      ? ({
          ...saved,
          ...unsaved,
          requests: unsaved.requests ?? saved.requests,
        } as Partial<ProposalFormDefaults>)
      : saved,
    unsaved: Boolean(unsaved),
    draftDropped: stored != null && !unsaved,
    serverSavedAt: (detail.proposal.formStateSavedAt ?? detail.proposal.updatedAt).toISOString(),
    canEdit: checkAction("edit", ctx).ok,
    actions: availableActions(ctx),
    deadlinePassed: Boolean(
      deadline && Date.now() > deadline.getTime() && detail.proposal.status === "draft",
    ),
  });
}

type Problems = FieldProblems;

export async function action(args: ActionFunctionArgs) {
  const { user, detail } = await loadOwn(args);
  const { db } = args.context.services;
  const id = detail.proposal.id;
  const here = `/secretary/proposals/${id}`;
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "save");

  if (intent === "withdraw") {
    try {
      await transitionProposal(db, actorOf(user), user, id, "withdraw");
    } catch (error) {
      return refusalToast(args.context, args.request, here, error);
    }
    return redirectWithToast(args.context, args.request, here, { message: "proposal.withdrawn" });
  }

  const check = checkAction(intent === "submit" ? "submit" : "edit", flowContext(detail, user));
  if (!check.ok)
    return refusalToast(args.context, args.request, here, new FlowError(check.refusal));

  const submission = parseWithZod(formData, { schema: ProposalFormSchema });
  const keepTyped = async () => {
    const draft = parseDraft(submission.payload);
    if (draft) await autosaveDraft(db, id, draft);
  };
  if (submission.status !== "success") {
    await keepTyped();
    return json({ result: submission.reply() }, { status: 400 });
  }
  const content = toContent(submission.value);
  const problems: Problems = { ...requestProblems(content, detail.funds) };
  const foreign = await foreignReferences(db, id, content);
  if (foreign.needs.length) problems.needIds = [msg("proposal.errors.foreignNeed")];
  invariantResponse(foreign.funds.length === 0, "Bad request", { status: 400 });
  if (Object.keys(problems).length) {
    await keepTyped();
    return json({ result: submission.reply({ fieldErrors: problems }) }, { status: 400 });
  }

  if (intent === "submit") {
    const missing = submissionProblems(content, detail.funds, detail.deck.length > 0);
    if (Object.keys(missing).length) {
      // Keep the draft saved, then say what is missing.
      await saveContent(db, actorOf(user), user, id, content);
      return json(
        {
          result: submission.reply({
            fieldErrors: missing,
            formErrors: [msg("proposal.errors.submitBlocked")],
          }),
        },
        { status: 400 },
      );
    }
    try {
      const to = await submitProposal(db, actorOf(user), user, id, content);
      return redirectWithToast(args.context, args.request, `/proposals/${id}`, {
        message: to === "resubmitted" ? "proposal.resubmitted" : "proposal.submitted",
      });
    } catch (error) {
      return refusalToast(args.context, args.request, here, error);
    }
  }

  try {
    await saveContent(db, actorOf(user), user, id, content);
  } catch (error) {
    return refusalToast(args.context, args.request, here, error);
  }
  return redirectWithToast(args.context, args.request, here, { message: "proposal.saved" });
}

/** A copy kept on this device, in the form's shape, or null. */
function localDraft(entries: unknown) {
  if (!Array.isArray(entries) || entries.length > MAX_FORM_FIELDS) return null;
  const pairs = entries.filter(
    (e): e is [string, string] =>
      Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string",
  );
  if (formNamesProblem(pairs.map(([name]) => name))) return null;
  return parseDraft(
    parseWithZod(new URLSearchParams(pairs), { schema: ProposalDraftSchema }).payload,
  );
}

function Section({ title, children, note }: { title: string; children: ReactNode; note?: string }) {
  return (
    <section className="card space-y-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {note ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          {note}
        </p>
      ) : null}
      {children}
    </section>
  );
}

function moneyProps<T>(meta: FieldMetadata<T>) {
  return {
    ...getInputProps(meta as FieldMetadata<string>, { type: "text" }),
    inputMode: "decimal" as const,
    autoComplete: "off",
  };
}

export default function EditProposal() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { proposal, competition, community, funds, needs, deck, canEdit, actions, deadlinePassed } =
    data;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formId = `proposal-${proposal.id}-v${proposal.version}`;
  const scope = `proposal-${proposal.id}`;
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.result,
    defaultValue: data.defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposalFormSchema }),
  });
  const autosave = useAutosave({
    formId,
    scope,
    enabled: canEdit,
    endpoint: `/secretary/proposals/${proposal.id}/autosave`,
  });

  // A newer copy on this device than on the server (typed offline)? Offer it back.
  const [localCopy, setLocalCopy] = useState<ReturnType<typeof readLocalCopy>>(null);
  useEffect(() => {
    const copy = readLocalCopy(scope);
    if (copy && copy.savedAt > Date.parse(data.serverSavedAt) + 1000) setLocalCopy(copy);
    else clearLocalCopy(scope);
  }, [scope, data.serverSavedAt]);

  const notes = proposal.reviewNotes?.fields ?? {};
  const lineList = fields.budgetLines.getFieldList();
  const requestList = fields.requests.getFieldList();
  const cofundList = fields.cofunding.getFieldList();
  const milestoneList = fields.milestones.getFieldList();
  const fen = (v: unknown) => {
    const p = typeof v === "string" ? parseYuan(v) : null;
    return p?.ok ? p.value : 0;
  };
  const lineTotals = lineList.map((item) => {
    const f = item.getFieldset();
    const q = typeof f.quantity.value === "string" ? parseQuantity(f.quantity.value) : null;
    return q?.ok ? lineTotalFen(q.value, fen(f.unitPrice.value)) : 0;
  });
  const live = summariseBudget({
    lines: [],
    requests: requestList.map((r) => ({ amountFen: fen(r.getFieldset().amount.value) })),
    cofunding: cofundList.map((c) => ({ amountFen: fen(c.getFieldset().amount.value) })),
  });
  const totalFen = lineTotals.reduce((a, b) => a + b, 0);
  const selfFen = totalFen - live.requestedFen - live.cofundingFen;
  const busy = navigation.state === "submitting";
  // Uploading a deck leaves the page: keep what was typed (autosave) before the browser goes.
  const saveTypedFirst = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    if (!canEdit || target.dataset.saved) return;
    event.preventDefault();
    void autosave.flush().finally(() => {
      target.dataset.saved = "1";
      target.submit();
    });
  };
  const submitLabel =
    proposal.status === "returned" ? t("proposal.resubmit") : t("proposal.submit");

  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-6 pb-32">
      <div>
        <Link to="/secretary/proposals" className="text-sm text-brand-700 underline">
          ← {t("proposal.mine")}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{proposal.title}</h1>
          <StatusBadge status={proposal.status} />
        </div>
        <p className="text-sm text-stone-500">
          {competition.title} · {community.name} ·{" "}
          {t("proposal.deadline", { time: formatDateTime(competition.proposalDeadline) })}
        </p>
      </div>

      {deadlinePassed ? (
        <p
          className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900"
          role="alert"
        >
          {t("proposal.deadlinePassed", { time: formatDateTime(competition.proposalDeadline) })}
        </p>
      ) : null}
      {!canEdit ? (
        <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700">
          {t("proposal.readonly")}{" "}
          <Link to={`/proposals/${proposal.id}`} className="underline">
            {t("proposal.view")}
          </Link>
        </p>
      ) : null}
      {proposal.status === "returned" && proposal.reviewNotes ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" role="note">
          <h2 className="font-semibold text-amber-900">{t("proposal.review.notes")}</h2>
          <p className="mt-1">{proposal.reviewNotes.reason}</p>
        </section>
      ) : null}
      {data.unsaved && canEdit ? (
        <p className="rounded-lg bg-sky-50 px-4 py-2 text-sm text-sky-900">
          {t("proposal.autosave.unsaved")}
        </p>
      ) : null}
      {data.draftDropped && canEdit ? (
        <p className="rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-900" role="note">
          {t("proposal.autosave.dropped")}
        </p>
      ) : null}
      {localCopy && canEdit ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          <span>{t("proposal.autosave.restore")}</span>
          <button
            type="button"
            className="btn-secondary min-h-9 py-1"
            onClick={() => {
              setLocalCopy(null);
              // This device's copy is checked like the server's before it enters the form.
              const value = localDraft(localCopy.entries);
              if (!value) return clearLocalCopy(scope);
              form.update({ value: value as never });
              autosave.onChange();
            }}
          >
            {t("proposal.autosave.restoreButton")}
          </button>
        </div>
      ) : null}

      <Form
        method="post"
        {...getFormProps(form)}
        onChange={autosave.onChange}
        className="space-y-4"
      >
        <fieldset disabled={!canEdit} className="space-y-4">
          <Section title={t("proposal.sections.basics")} note={notes.title ?? notes.summary}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label={t("proposal.fields.title")}
                errors={fields.title.errors}
                inputProps={getInputProps(fields.title, { type: "text" })}
              />
              <Field
                label={t("proposal.fields.brand")}
                errors={fields.brand.errors}
                inputProps={getInputProps(fields.brand, { type: "text" })}
              />
              <SelectField
                label={t("proposal.fields.category")}
                errors={fields.category.errors}
                selectProps={getSelectProps(fields.category)}
              >
                {PROJECT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`categories.${c}`)}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t("proposal.fields.summary")}
                errors={fields.summary.errors}
                inputProps={getInputProps(fields.summary, { type: "text" })}
              />
            </div>
          </Section>

          <Section title={t("proposal.sections.needs")} note={notes.problem ?? notes.needIds}>
            <TextareaField
              label={t("proposal.fields.problem")}
              errors={fields.problem.errors}
              textareaProps={{ ...getTextareaProps(fields.problem), rows: 5 }}
            />
            <fieldset>
              <legend className="label">{t("proposal.fields.needIds")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {getCollectionProps(fields.needIds, {
                  type: "checkbox",
                  options: needs.map((n) => String(n.id)),
                }).map(({ key, ...props }) => {
                  const need = needs.find((n) => String(n.id) === props.value)!;
                  return (
                    <label
                      key={key}
                      className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 p-3"
                    >
                      <input {...props} className="mt-1 size-5 accent-brand-600" />
                      <span>
                        {need.title}
                        <span className="block text-xs text-stone-500">
                          {t("secretary.raisedBy", { count: need.raisedCount })} ·{" "}
                          {t(`needs.statuses.${need.status}`)}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
              <ErrorList id={fields.needIds.errorId} errors={fields.needIds.errors} />
              <Link
                to="/secretary/needs"
                className="mt-2 inline-block text-sm text-brand-700 underline"
              >
                {t("needs.add")}
              </Link>
            </fieldset>
          </Section>

          <Section title={t("proposal.sections.beneficiaries")} note={notes.beneficiaries}>
            <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
              <TextareaField
                label={t("proposal.fields.beneficiaries")}
                errors={fields.beneficiaries.errors}
                textareaProps={{ ...getTextareaProps(fields.beneficiaries), rows: 3 }}
              />
              <Field
                label={t("proposal.fields.beneficiaryCount")}
                errors={fields.beneficiaryCount.errors}
                inputProps={{
                  ...getInputProps(fields.beneficiaryCount, { type: "number" }),
                  min: 0,
                  inputMode: "numeric",
                }}
              />
            </div>
          </Section>

          <Section title={t("proposal.sections.plan")} note={notes.plan}>
            <TextareaField
              label={t("proposal.fields.plan")}
              errors={fields.plan.errors}
              textareaProps={{ ...getTextareaProps(fields.plan), rows: 6 }}
            />
            <div className="space-y-3">
              <p className="label">{t("proposal.fields.milestones")}</p>
              {milestoneList.map((item, index) => {
                const f = item.getFieldset();
                return (
                  <div
                    key={item.key}
                    className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-[1fr_11rem_auto]"
                  >
                    <Field
                      label={t("proposal.milestone.title")}
                      errors={f.title.errors}
                      inputProps={getInputProps(f.title, { type: "text" })}
                    />
                    <Field
                      label={t("proposal.milestone.dueOn")}
                      errors={f.dueOn.errors}
                      inputProps={getInputProps(f.dueOn, { type: "date" })}
                    />
                    <div className="flex items-end">
                      <button
                        className="btn-secondary"
                        {...form.remove.getButtonProps({ name: fields.milestones.name, index })}
                      >
                        {t("proposal.remove")}
                      </button>
                    </div>
                    <Field
                      className="sm:col-span-3"
                      label={t("proposal.milestone.description")}
                      errors={f.description.errors}
                      inputProps={getInputProps(f.description, { type: "text" })}
                    />
                  </div>
                );
              })}
              <ErrorList id={fields.milestones.errorId} errors={fields.milestones.errors} />
              <button
                className="btn-secondary"
                {...form.insert.getButtonProps({
                  name: fields.milestones.name,
                  defaultValue: { title: "", dueOn: "", description: "" },
                })}
              >
                + {t("proposal.milestone.add")}
              </button>
            </div>
          </Section>

          <Section title={t("proposal.sections.budget")} note={notes.budgetLines}>
            <div className="space-y-3">
              {lineList.map((item, index) => {
                const f = item.getFieldset();
                return (
                  <div
                    key={item.key}
                    className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-6"
                    data-testid="budget-line"
                  >
                    <Field
                      className="sm:col-span-2"
                      label={t("proposal.line.item")}
                      errors={f.item.errors}
                      inputProps={getInputProps(f.item, { type: "text" })}
                    />
                    <Field
                      label={t("proposal.line.quantity")}
                      errors={f.quantity.errors}
                      inputProps={{
                        ...getInputProps(f.quantity, { type: "text" }),
                        inputMode: "decimal",
                      }}
                    />
                    <Field
                      label={t("proposal.line.unit")}
                      errors={f.unit.errors}
                      inputProps={getInputProps(f.unit, { type: "text" })}
                    />
                    <Field
                      label={t("proposal.line.unitPrice")}
                      errors={f.unitPrice.errors}
                      inputProps={moneyProps(f.unitPrice)}
                    />
                    <div>
                      <p className="label">{t("proposal.line.total")}</p>
                      <p
                        className="min-h-11 py-2 text-right text-base font-semibold tabular-nums"
                        data-testid="line-total"
                      >
                        {formatYuan(lineTotals[index] ?? 0)}
                      </p>
                    </div>
                    <Field
                      className="sm:col-span-5"
                      label={t("proposal.line.note")}
                      errors={f.note.errors}
                      inputProps={getInputProps(f.note, { type: "text" })}
                    />
                    <div className="flex items-end">
                      <button
                        className="btn-secondary w-full"
                        {...form.remove.getButtonProps({ name: fields.budgetLines.name, index })}
                      >
                        {t("proposal.remove")}
                      </button>
                    </div>
                  </div>
                );
              })}
              <ErrorList id={fields.budgetLines.errorId} errors={fields.budgetLines.errors} />
              <button
                className="btn-secondary"
                {...form.insert.getButtonProps({
                  name: fields.budgetLines.name,
                  defaultValue: { item: "", quantity: "", unit: "", unitPrice: "", note: "" },
                })}
              >
                + {t("proposal.line.add")}
              </button>
            </div>
            <p className="text-right text-lg font-semibold">
              {t("proposal.summaryBox.total")}:
              <span data-testid="budget-total">{formatYuan(totalFen)}</span> {t("common.yuan")}
            </p>
          </Section>

          <Section title={t("proposal.sections.funding")} note={notes.requests ?? notes.cofunding}>
            <div className="grid gap-4 sm:grid-cols-2">
              {requestList.map((item, index) => {
                const f = item.getFieldset();
                const fund =
                  funds.find((x) => String(x.id) === String(f.fundId.value)) ?? funds[index];
                if (!fund) return null;
                return (
                  <div key={item.key}>
                    <input {...getInputProps(f.fundId, { type: "hidden" })} />
                    <Field
                      label={`${fund.name} · ${t("proposal.request.amount")}`}
                      hint={
                        fund.perProjectCapFen != null
                          ? t("proposal.request.cap", { cap: formatYuan(fund.perProjectCapFen) })
                          : t("proposal.request.noCap")
                      }
                      errors={f.amount.errors}
                      inputProps={moneyProps(f.amount)}
                    />
                  </div>
                );
              })}
            </div>
            <ErrorList id={fields.requests.errorId} errors={fields.requests.errors} />
            <div className="space-y-3">
              <p className="label">{t("proposal.fields.cofunding")}</p>
              {cofundList.map((item, index) => {
                const f = item.getFieldset();
                return (
                  <div
                    key={item.key}
                    className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-4"
                  >
                    <Field
                      className="sm:col-span-2"
                      label={t("proposal.cofund.partnerName")}
                      errors={f.partnerName.errors}
                      inputProps={getInputProps(f.partnerName, { type: "text" })}
                    />
                    <SelectField
                      label={t("proposal.cofund.partnerType")}
                      errors={f.partnerType.errors}
                      selectProps={getSelectProps(f.partnerType)}
                    >
                      <option value="">{t("proposal.cofund.choose")}</option>
                      {PARTNER_TYPES.map((p) => (
                        <option key={p} value={p}>
                          {t(`proposal.partnerTypes.${p}`)}
                        </option>
                      ))}
                    </SelectField>
                    <Field
                      label={t("proposal.cofund.amount")}
                      errors={f.amount.errors}
                      inputProps={moneyProps(f.amount)}
                    />
                    <Field
                      className="sm:col-span-3"
                      label={t("proposal.cofund.inKind")}
                      errors={f.inKind.errors}
                      inputProps={getInputProps(f.inKind, { type: "text" })}
                    />
                    <div className="flex items-end">
                      <button
                        className="btn-secondary w-full"
                        {...form.remove.getButtonProps({ name: fields.cofunding.name, index })}
                      >
                        {t("proposal.remove")}
                      </button>
                    </div>
                  </div>
                );
              })}
              <button
                className="btn-secondary"
                {...form.insert.getButtonProps({
                  name: fields.cofunding.name,
                  defaultValue: {
                    partnerName: "",
                    partnerType: "",
                    amount: "",
                    inKind: "",
                  },
                })}
              >
                + {t("proposal.cofund.add")}
              </button>
            </div>
            <dl
              className="grid grid-cols-2 gap-3 rounded-lg bg-stone-50 p-3 text-sm sm:grid-cols-4"
              data-testid="funding-summary"
            >
              <div>
                <dt className="text-stone-500">{t("proposal.summaryBox.total")}</dt>
                <dd className="font-semibold tabular-nums">{formatYuan(totalFen)}</dd>
              </div>
              <div>
                <dt className="text-stone-500">{t("proposal.summaryBox.requested")}</dt>
                <dd className="font-semibold tabular-nums">{formatYuan(live.requestedFen)}</dd>
              </div>
              <div>
                <dt className="text-stone-500">{t("proposal.summaryBox.cofunding")}</dt>
                <dd className="font-semibold tabular-nums">{formatYuan(live.cofundingFen)}</dd>
              </div>
              <div>
                <dt className="text-stone-500">{t("proposal.summaryBox.self")}</dt>
                <dd className={`font-semibold tabular-nums ${selfFen < 0 ? "text-red-700" : ""}`}>
                  {formatYuan(selfFen)}
                </dd>
              </div>
            </dl>
          </Section>

          <Section title={t("proposal.sections.team")} note={notes.team}>
            <TextareaField
              label={t("proposal.fields.team")}
              errors={fields.team.errors}
              textareaProps={{ ...getTextareaProps(fields.team), rows: 4 }}
            />
          </Section>
        </fieldset>
      </Form>

      <section className="card space-y-4" aria-labelledby="deck-title">
        <h2 id="deck-title" className="text-lg font-semibold">
          {t("proposal.sections.deck")}
        </h2>
        {notes.deck ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{notes.deck}</p>
        ) : null}
        <DeckViewer files={deck} />
        {canEdit ? (
          <>
            {deck.length ? (
              <ul className="flex flex-wrap gap-2 text-sm">
                {deck.map((f) => (
                  <li key={f.id}>
                    <form
                      method="post"
                      action={`/secretary/proposals/${proposal.id}/deck`}
                      onSubmit={saveTypedFirst}
                      className="inline-flex items-center gap-2 rounded-lg border border-stone-200 px-3 py-1"
                    >
                      <span>{f.name}</span>
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="fileId" value={f.id} />
                      <button type="submit" className="text-red-700 underline">
                        {t("proposal.deck.remove")}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            ) : null}
            <form
              method="post"
              encType="multipart/form-data"
              action={`/secretary/proposals/${proposal.id}/deck`}
              onSubmit={saveTypedFirst}
              className="flex flex-wrap items-end gap-3"
            >
              <input type="hidden" name="intent" value="upload" />
              <label className="block">
                <span className="label">{t("proposal.fields.deck")}</span>
                <input
                  type="file"
                  name="files"
                  multiple
                  accept="application/pdf,image/png,image/jpeg,image/webp"
                  className="block text-sm"
                />
              </label>
              <button type="submit" className="btn-secondary">
                {t("proposal.deck.upload")}
              </button>
              <p className="w-full text-sm text-stone-500">{t("proposal.deck.hint")}</p>
            </form>
          </>
        ) : null}
        <ErrorList errors={form.allErrors.deck} />
      </section>

      <div className="fixed inset-x-0 bottom-0 z-10 border-t border-stone-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-3 px-4 py-3">
          <p
            className="min-w-0 flex-1 text-sm text-stone-600"
            role="status"
            aria-live="polite"
            data-testid="autosave-status"
          >
            {autosave.state.kind === "saving"
              ? t("proposal.autosave.saving")
              : autosave.state.kind === "saved"
                ? t("proposal.autosave.saved", {
                    time: new Date(autosave.state.at).toLocaleTimeString("zh-CN", {
                      timeZone: "Asia/Shanghai",
                      hour12: false,
                    }),
                  })
                : autosave.state.kind === "offline"
                  ? t("proposal.autosave.offline")
                  : autosave.state.kind === "refused"
                    ? t("proposal.autosave.refused")
                    : ""}
          </p>
          <ErrorList id={form.errorId} errors={form.errors} />
          {canEdit ? (
            <>
              <button
                type="submit"
                form={form.id}
                name="intent"
                value="save"
                className="btn-secondary"
                disabled={busy}
              >
                {t("proposal.save")}
              </button>
              <button
                type="submit"
                form={form.id}
                name="intent"
                value="submit"
                className="btn-primary"
                disabled={busy || !actions.includes("submit")}
                onClick={() => clearLocalCopy(scope)}
              >
                {submitLabel}
              </button>
            </>
          ) : null}
          {actions.includes("withdraw") ? (
            <Form
              method="post"
              onSubmit={(e) => {
                if (!window.confirm(t("proposal.withdrawConfirm"))) e.preventDefault();
              }}
            >
              <button name="intent" value="withdraw" className="btn text-red-700 underline">
                {t("proposal.withdraw")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
