import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listCommunities } from "~/models/community.server";
import {
  getCompetition,
  listJudgePanel,
  saveJudgePanel,
  SetupError,
} from "~/models/competition.server";
import { actorOf, listUsers } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { idParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

const Id = z.coerce.number().int().positive();

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
  const form = await readForm(args.request);
  const ids = (name: string) => {
    const parsed = z.array(Id).safeParse(form.getAll(name));
    invariantResponse(parsed.success, "Bad request", { status: 400 });
    return parsed.data;
  };
  const judgeIds = ids("judge");
  const recusals = judgeIds.flatMap((judgeUserId) => {
    const reason = String(form.get(`reason-${judgeUserId}`) ?? "")
      .trim()
      .slice(0, 200);
    return ids(`recuse-${judgeUserId}`).map((communityId) => ({
      judgeUserId,
      communityId,
      reason,
    }));
  });
  const changeReason = String(form.get("changeReason") ?? "").slice(0, 500);
  try {
    await saveJudgePanel(db, actorOf(admin), id, [...new Set(judgeIds)], recusals, changeReason);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    // The form stays as the admin left it (ticks and typed text are kept by the browser).
    if (error.message === "reasonRequired")
      return json({ error: "judges.reasonRequired" as const }, { status: 400 });
    return redirectWithToast(args.context, args.request, `/admin/competitions/${id}/judges`, {
      kind: "error",
      message: "judges.notAJudge",
    });
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
  const error = actionData && "error" in actionData ? actionData.error : null;
  if (judges.length === 0) return <p className="card">{t("judges.none")}</p>;
  return (
    <Form method="post" className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("judges.title")}</h2>
      <p className="text-sm text-stone-600">{t("judges.recuseHint")}</p>
      <fieldset disabled={!canEdit} className="space-y-3">
        {judges.map((j) => {
          const onPanel = panel.some((p) => p.userId === j.id);
          const mine = recusals.filter((r) => r.judgeUserId === j.id);
          return (
            <div key={j.id} className="rounded-lg border border-stone-200 p-3">
              <label className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  name="judge"
                  value={j.id}
                  defaultChecked={onPanel}
                  className="size-5 accent-brand-600"
                />
                <span className="font-medium">{j.displayName}</span>
                <span className="text-sm text-stone-500">{j.title}</span>
              </label>
              <details className="mt-2" open={mine.length > 0}>
                <summary className="cursor-pointer text-sm text-brand-700">
                  {t("judges.recuse")}
                  {mine.length ? `(${mine.length})` : ""}
                </summary>
                <div className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4">
                  {communities.map((c) => (
                    <label key={c.id} className="flex min-h-9 items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        name={`recuse-${j.id}`}
                        value={c.id}
                        defaultChecked={mine.some((r) => r.communityId === c.id)}
                        className="size-4 accent-brand-600"
                      />
                      {c.name}
                    </label>
                  ))}
                </div>
                <label className="mt-2 block text-sm">
                  <span className="label">{t("judges.reason")}</span>
                  <input
                    className="input"
                    name={`reason-${j.id}`}
                    defaultValue={mine[0]?.reason ?? ""}
                    maxLength={200}
                  />
                </label>
              </details>
            </div>
          );
        })}
      </fieldset>
      {canEdit ? (
        <label className="block">
          <span className="label">{t("judges.changeReason")}</span>
          <input
            className="input"
            name="changeReason"
            maxLength={500}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "change-reason-error" : "change-reason-hint"}
          />
          {error ? (
            <span id="change-reason-error" className="mt-1 block text-sm text-red-700" role="alert">
              {t(error)}
            </span>
          ) : (
            <span id="change-reason-hint" className="mt-1 block text-sm text-stone-500">
              {t("judges.changeReasonHint")}
            </span>
          )}
        </label>
      ) : null}
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
