import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { availableActions, checkAction } from "~/domain/proposal-flow";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import {
  contentToForm,
  parseDraft,
  ProposalFormSchema,
  type ProposalFormDefaults,
  type ProposalFormValue,
} from "~/forms/proposal-form";
import { clearLocalCopy, readLocalCopy, useAutosave } from "~/hooks/use-autosave";
import { ensureCommunityBrands } from "~/models/brand.server";
import { listNeeds } from "~/models/need.server";
import { getProposalDetail } from "~/models/proposal.server";
import { requireUser } from "~/server/auth.server";
import { flowContext } from "~/server/proposal-actions.server";
import { idParam } from "~/utils/params";
import { ActionBar } from "./action-bar";
import { refuseContent, save, submit, withdraw } from "./actions.server";
import { BasicsSection, BeneficiariesSection, NeedsSection, TeamSection } from "./basics";
import { BudgetSection, liveBudget } from "./budget-lines";
import { DeckSection } from "./deck";
import { localDraft, type ProposalFormInput } from "./form";
import { FundingSection } from "./funding";
import { EditorHeader, RestoreLocalCopy } from "./header";
import { PlanSection } from "./plan";
import { parseEditorForm, refusedIntent } from "./schema";

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
  // The community's brands to choose from (its first made from the community's brand as typed).
  const brands = await ensureCommunityBrands(args.context.services.db, detail.proposal.communityId);
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
    brands,
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

export async function action(args: ActionFunctionArgs) {
  const { user, detail } = await loadOwn(args);
  const editor = { args, user, detail };
  const submission = parseEditorForm(await readForm(args.request));
  if (submission.status === "success") {
    const value = submission.value;
    if (value.intent === "withdraw") return withdraw(editor);
    if (value.intent === "submit") return submit(editor, submission, value);
    return save(editor, submission, value);
  }
  const intent = refusedIntent(submission);
  if (!intent) {
    // Nothing is stored: the form comes back as it was typed, with a message.
    return json({ result: refusal(submission) }, { status: 400 });
  }
  return refuseContent(editor, submission, intent === "submit" ? "submit" : "edit");
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
    // A page rendered from a refused form starts from what was typed, rows and all (Conform
    // keys its list rows by the default value; the refusal may not have stored a draft).
    defaultValue:
      (actionData?.result.initialValue as typeof data.defaultValue | undefined) ??
      data.defaultValue,
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
