import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoundField, CheckboxField, ErrorList } from "~/components/forms";
import { RoleAndCommunityFields } from "~/components/user-fields";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { EditUserSchema, ResetPasswordSchema } from "~/forms/user-schemas";
import { listCommunities } from "~/models/community.server";
import { actorOf, getUserById, setPassword, updateUser } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";

function parseId(raw: string | undefined) {
  const id = Number(raw);
  invariantResponse(Number.isSafeInteger(id) && id > 0, "Not found", { status: 404 });
  return id;
}

const UserPageSchema = intents([EditUserSchema, ResetPasswordSchema]);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const user = await getUserById(db, parseId(args.params.userId));
  invariantResponse(user, "Not found", { status: 404 });
  return json({ user, communities: await listCommunities(db) });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const { db } = args.context.services;
  const id = parseId(args.params.userId);
  const target = await getUserById(db, id);
  invariantResponse(target, "Not found", { status: 404 });
  const submission = parseWithZod(await readForm(args.request), { schema: UserPageSchema });
  if (submission.status !== "success") {
    // Refused beside the form that was sent (an unknown intent: above the profile form).
    const intent = submission.payload.intent === "reset-password" ? "reset-password" : "update";
    const hideFields = ["password"];
    return json({ intent, result: refusal(submission, { hideFields }) }, { status: 400 });
  }

  if (submission.value.intent === "reset-password") {
    await setPassword(db, actorOf(admin), id, submission.value.password, "user.reset_password");
    args.context.services.realtime.disconnectUser(id);
    return redirectWithToast(args.context, args.request, `/admin/users/${id}`, {
      message: "users.passwordReset",
      values: { username: target.username },
    });
  }

  const { displayName, title, role, communityId, active } = submission.value;
  if (role === "partner" && target.role !== "partner") {
    const result = submission.reply({ fieldErrors: { role: [msg("users.partnerFromUnit")] } });
    return json({ intent: "update", result }, { status: 400 });
  }
  await updateUser(db, actorOf(admin), id, {
    displayName,
    title,
    role,
    communityId: communityId ?? null,
    active,
  });
  // Signed out everywhere (updateUser ended the sessions): their open sockets end too.
  if (!active || role !== target.role) args.context.services.realtime.disconnectUser(id);
  return redirectWithToast(args.context, args.request, "/admin/users", {
    message: "users.updated",
    values: { username: target.username },
  });
}

export default function EditUserPage() {
  const { t } = useTranslation();
  const { user, communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-user",
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    constraint: getZodConstraint(EditUserSchema),
    shouldRevalidate: "onInput",
    defaultValue: {
      displayName: user.displayName,
      title: user.title,
      role: user.role,
      communityId: user.communityId ? String(user.communityId) : "",
      active: user.active ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditUserSchema }),
  });
  const [resetForm, resetFields] = useForm({
    id: "reset-password",
    lastResult: actionData?.intent === "reset-password" ? actionData.result : undefined,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-6">
      <Link to="/admin/users" className="text-sm text-brand-700 underline">
        ← {t("users.back")}
      </Link>
      <div className="card">
        <h1 className="mb-1 text-2xl font-semibold">{user.displayName}</h1>
        <p className="mb-6 font-mono text-sm text-stone-500">{user.username}</p>
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="update" />
          <BoundField label={t("users.displayName")} field={fields.displayName} />
          <BoundField label={t("users.userTitle")} field={fields.title} />
          <RoleAndCommunityFields
            keepPartner={user.role === "partner"}
            role={fields.role}
            communityId={fields.communityId}
            communities={communities}
          />
          <CheckboxField
            className="sm:col-span-2"
            label={t("users.active")}
            errors={fields.active.errors}
            inputProps={getInputProps(fields.active, { type: "checkbox" })}
          />
          <div className="sm:col-span-2">
            <ErrorList id={form.errorId} errors={form.errors} />
            <button type="submit" className="btn-primary">
              {t("users.save")}
            </button>
          </div>
        </Form>
      </div>
      <div className="card">
        <h2 className="mb-4 text-lg font-semibold">{t("users.resetPassword")}</h2>
        <Form method="post" {...getFormProps(resetForm)} className="flex flex-wrap items-end gap-4">
          <input type="hidden" name="intent" value="reset-password" />
          <BoundField
            className="min-w-60 flex-1"
            label={t("users.newPassword")}
            field={resetFields.password}
            type="password"
            inputProps={{ autoComplete: "new-password" }}
          />
          <button type="submit" className="btn-danger">
            {t("users.resetPassword")}
          </button>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
