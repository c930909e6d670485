import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, Field, SelectField } from "~/components/forms";
import { ASSIGNABLE_ROLES, ROLES } from "~/domain/enums";
import { listCommunities } from "~/models/community.server";
import { actorOf, getUserById, setPassword, updateUser } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { redirectWithToast } from "~/utils/toast.server";
import { EditUserSchema, ResetPasswordSchema } from "~/utils/user-schemas";

function parseId(raw: string | undefined) {
  const id = Number(raw);
  invariantResponse(Number.isSafeInteger(id) && id > 0, "Not found", { status: 404 });
  return id;
}

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
  const formData = await readForm(args.request);
  const intent = formData.get("intent");

  if (intent === "reset-password") {
    const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
    if (submission.status !== "success") {
      return json(
        { intent, result: submission.reply({ hideFields: ["password"] }) },
        { status: 400 },
      );
    }
    await setPassword(db, actorOf(admin), id, submission.value.password, "user.reset_password");
    args.context.services.realtime.disconnectUser(id);
    return redirectWithToast(args.context, args.request, `/admin/users/${id}`, {
      message: "users.passwordReset",
      values: { username: target.username },
    });
  }

  const submission = parseWithZod(formData, { schema: EditUserSchema });
  if (submission.status !== "success") {
    return json({ intent: "update", result: submission.reply() }, { status: 400 });
  }
  const { displayName, title, role, communityId, active } = submission.value;
  if (role === "partner" && target.role !== "partner") {
    return json(
      {
        intent: "update",
        result: submission.reply({ fieldErrors: { role: [msg("users.partnerFromUnit")] } }),
      },
      { status: 400 },
    );
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
          <Field
            label={t("users.displayName")}
            errors={fields.displayName.errors}
            inputProps={getInputProps(fields.displayName, { type: "text" })}
          />
          <Field
            label={t("users.userTitle")}
            errors={fields.title.errors}
            inputProps={getInputProps(fields.title, { type: "text" })}
          />
          <SelectField
            label={t("users.role")}
            errors={fields.role.errors}
            selectProps={getSelectProps(fields.role)}
          >
            {(user.role === "partner" ? ROLES : ASSIGNABLE_ROLES).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("users.community")}
            errors={fields.communityId.errors}
            selectProps={getSelectProps(fields.communityId)}
          >
            <option value="">{t("users.noCommunity")}</option>
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            className="sm:col-span-2"
            label={t("users.active")}
            errors={fields.active.errors}
            inputProps={getInputProps(fields.active, { type: "checkbox" })}
          />
          <div className="sm:col-span-2">
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
          <Field
            className="min-w-60 flex-1"
            label={t("users.newPassword")}
            errors={resetFields.password.errors}
            inputProps={{
              ...getInputProps(resetFields.password, { type: "password" }),
              autoComplete: "new-password",
            }}
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
