import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
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
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { idParam } from "~/utils/params";
import { flowContext, refusalToast } from "~/utils/proposal-actions.server";
import {
  contentToForm,
  parseDraft,
  ProposalFormSchema,
  toContent,
  type ProposalFormDefaults,
  type ProposalFormValue,
} from "~/utils/proposal-form";
import { redirectWithToast } from "~/utils/toast.server";
import { clearLocalCopy, readLocalCopy, useAutosave } from "~/utils/use-autosave";
import { ActionBar } from "./action-bar";
import { BasicsSection, BeneficiariesSection, NeedsSection, TeamSection } from "./basics";
import { BudgetSection, liveBudget } from "./budget-lines";
import { DeckSection } from "./deck";
import { localDraft, type ProposalFormInput } from "./form";
import { FundingSection } from "./funding";
import { EditorHeader, RestoreLocalCopy } from "./header";
import { PlanSection } from "./plan";

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

export default function EditProposal() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { proposal, funds, needs, deck, canEdit, actions } = data;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formId = `proposal-${proposal.id}-v${proposal.version}`;
  const scope = `proposal-${proposal.id}`;
  const [form, fields] = useForm<ProposalFormInput, ProposalFormValue>({
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
  const restoreLocalCopy = () => {
    setLocalCopy(null);
    // This device's copy is checked like the server's before it enters the form.
    const value = localDraft(localCopy?.entries);
    if (!value) return clearLocalCopy(scope);
    form.update({ value: value as never });
    autosave.onChange();
  };

  const notes = proposal.reviewNotes?.fields ?? {};
  const budget = liveBudget(fields);
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

  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-6 pb-32">
      <EditorHeader data={data} />
      {localCopy && canEdit ? <RestoreLocalCopy onRestore={restoreLocalCopy} /> : null}

      <Form
        method="post"
        {...getFormProps(form)}
        onChange={autosave.onChange}
        className="space-y-4"
      >
        <fieldset disabled={!canEdit} className="space-y-4">
          <BasicsSection fields={fields} notes={notes} />
          <NeedsSection fields={fields} notes={notes} needs={needs} />
          <BeneficiariesSection fields={fields} notes={notes} />
          <PlanSection form={form} fields={fields} note={notes.plan} />
          <BudgetSection form={form} fields={fields} budget={budget} note={notes.budgetLines} />
          <FundingSection
            form={form}
            fields={fields}
            funds={funds}
            budget={budget}
            note={notes.requests ?? notes.cofunding}
          />
          <TeamSection fields={fields} notes={notes} />
        </fieldset>
      </Form>

      <DeckSection
        proposalId={proposal.id}
        deck={deck}
        note={notes.deck}
        canEdit={canEdit}
        errors={form.allErrors.deck}
        onSubmit={saveTypedFirst}
      />

      <ActionBar
        form={form}
        autosave={autosave.state}
        canEdit={canEdit}
        actions={actions}
        busy={navigation.state === "submitting"}
        submitLabel={proposal.status === "returned" ? t("proposal.resubmit") : t("proposal.submit")}
        onSubmit={() => clearLocalCopy(scope)}
      />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
