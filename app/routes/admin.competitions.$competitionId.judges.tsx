import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { listCommunities } from "~/models/community.server";
import {
  getCompetition,
  listJudgePanel,
  saveJudgePanel,
  SetupError,
} from "~/models/competition.server";
import { actorOf, listUsers } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam, MAX_INT4 } from "~/utils/params";

const Id = z
  .number({ error: msg("errors.invalidChoice") })
  .int(msg("errors.invalidChoice"))
  .positive(msg("errors.invalidChoice"))
  .max(MAX_INT4, msg("errors.invalidChoice"));

/**
 * The panel form: one row per judge account (on the panel or not), each with the communities
 * the judge is recused from and why; a change during the show needs a reason.
 */
const PanelSchema = z.object({
  intent: z.literal("save").default("save"),
  panel: z
    .array(
      z.object({
        userId: Id,
        on: z.boolean({ error: msg("errors.invalidChoice") }).optional(),
        recuse: z.array(Id).max(200).optional(),
        reason: z
          .string()
          .trim()
          .max(200, msg("errors.tooLong", { max: 200 }))
          .optional(),
      }),
    )
    // The page sends a row for every judge account, ticked or not: no rows is no form of ours.
    .min(1, msg("judges.panelMissing"))
    .max(500, msg("errors.form.badShape")),
  changeReason: z
    .string()
    .trim()
    .max(500, msg("errors.tooLong", { max: 500 }))
    .optional(),
});

/** The judges page's one form; any other intent is refused. */
const JudgesPageSchema = intents([PanelSchema]);

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const [judges, communities, { panel, recusals }] = await Promise.all([
    listUsers(db).then((all) => all.filter((u) => u.role === "judge")),
    listCommunities(db),
    listJudgePanel(db, id),
  ]);
  return json({ judges, communities, panel, recusals, canEdit: user.role === "street_admin" });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = idParam(args.params.competitionId);
  invariantResponse(await getCompetition(db, id), "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: JudgesPageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const onPanel = submission.value.panel.filter((row) => row.on);
  const judgeIds = [...new Set(onPanel.map((row) => row.userId))];
  const recusals = onPanel.flatMap((row) =>
    [...new Set(row.recuse ?? [])].map((communityId) => ({
      judgeUserId: row.userId,
      communityId,
      reason: row.reason ?? "",
    })),
  );
  try {
    await saveJudgePanel(
      db,
      actorOf(admin),
      id,
      judgeIds,
      recusals,
      submission.value.changeReason ?? "",
    );
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    // The form stays as the admin left it, the refusal beside what caused it.
    if (error.message === "reasonRequired")
      return json(
        {
          result: refusal(submission, {
            fieldErrors: { changeReason: [msg("judges.reasonRequired")] },
          }),
        },
        { status: 400 },
      );
    const message = error.message === "notACommunity" ? "errors.invalidChoice" : "judges.notAJudge";
    return json({ result: refusal(submission, { formErrors: [msg(message)] }) }, { status: 400 });
  }
  // Scores on every screen follow the panel (a late recusal takes a sheet out of the count).
  args.context.services.broadcaster.stateChanged(id);
  return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/judges`, {
    message: "judges.saved",
  });
}

export default function JudgesEditor() {
  const { t } = useTranslation();
  const { judges, communities, panel, recusals, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "judges",
    lastResult: actionData?.result,
    defaultValue: {
      panel: judges.map((j) => {
        const mine = recusals.filter((r) => r.judgeUserId === j.id);
        return {
          userId: String(j.id),
          on: panel.some((p) => p.userId === j.id),
          recuse: mine.map((r) => String(r.communityId)),
          reason: mine[0]?.reason ?? "",
        };
      }),
      changeReason: "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JudgesPageSchema }),
  });
  const rows = fields.panel.getFieldList();
  if (judges.length === 0) return <p className="card">{t("judges.none")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <input type="hidden" name="intent" value="save" />
      <h2 className="text-lg font-semibold">{t("judges.title")}</h2>
      <p className="text-sm text-stone-600">{t("judges.recuseHint")}</p>
      <fieldset disabled={!canEdit} className="space-y-3">
        {judges.map((j, i) => {
          const row = rows[i]?.getFieldset();
          if (!row) return null;
          const recused = getCollectionProps(row.recuse, {
            type: "checkbox",
            options: communities.map((c) => String(c.id)),
          });
          const count = recused.filter((c) => c.defaultChecked).length;
          return (
            <div key={j.id} className="rounded-lg border border-stone-200 p-3">
              <input type="hidden" name={row.userId.name} value={j.id} />
              <label className="flex min-h-11 items-center gap-3">
                <input
                  {...getInputProps(row.on, { type: "checkbox" })}
                  className="size-5 accent-brand-600"
                />
                <span className="font-medium">{j.displayName}</span>
                <span className="text-sm text-stone-500">{j.title}</span>
              </label>
              <ErrorList
                id={row.on.errorId}
                errors={[...(row.userId.errors ?? []), ...(row.on.errors ?? [])]}
              />
              <details
                className="mt-2"
                open={count > 0 || Boolean(row.recuse.errors ?? row.reason.errors)}
              >
                <summary className="cursor-pointer text-sm text-brand-700">
                  {t("judges.recuse")}
                  {count ? `(${count})` : ""}
                </summary>
                <div className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4">
                  {recused.map(({ key, ...props }, k) => (
                    <label key={key} className="flex min-h-9 items-center gap-2 text-sm">
                      <input {...props} className="size-4 accent-brand-600" />
                      {communities[k]!.name}
                    </label>
                  ))}
                </div>
                <ErrorList id={row.recuse.errorId} errors={row.recuse.errors} />
                <Field
                  className="mt-2 text-sm"
                  label={t("judges.reason")}
                  errors={row.reason.errors}
                  inputProps={{ ...getInputProps(row.reason, { type: "text" }), maxLength: 200 }}
                />
              </details>
            </div>
          );
        })}
      </fieldset>
      {canEdit ? (
        <Field
          label={t("judges.changeReason")}
          hint={fields.changeReason.errors ? undefined : t("judges.changeReasonHint")}
          errors={fields.changeReason.errors}
          inputProps={{
            ...getInputProps(fields.changeReason, { type: "text" }),
            maxLength: 500,
          }}
        />
      ) : null}
      <ErrorList
        id={form.errorId}
        errors={[...(form.errors ?? []), ...(fields.panel.errors ?? [])]}
      />
      {canEdit ? (
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            {t("judges.save")}
          </button>
          <Link to="../judge-cards" relative="path" className="btn-secondary">
            {t("live.judgeCards")}
          </Link>
        </div>
      ) : null}
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
