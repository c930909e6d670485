import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/forms";
import { ASSIGNABLE_ROLES } from "~/domain/enums";
import { listCommunities } from "~/models/community.server";
import { actorOf, createUser, UsernameTakenError } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { msg } from "~/utils/messages";
import { redirectWithToast } from "~/utils/toast.server";
import { NewUserSchema } from "~/utils/user-schemas";

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({ communities: await listCommunities(args.context.services.db) });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: NewUserSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const user = await createUser(args.context.services.db, actorOf(admin), submission.value);
    return redirectWithToast(args.context, args.request, "/admin/users", {
      message: "users.created",
      values: { username: user.username },
    });
  } catch (error) {
    if (error instanceof UsernameTakenError) {
      return json(
        {
          result: submission.reply({
            fieldErrors: { username: [msg("errors.usernameTaken")] },
            hideFields: ["password"],
          }),
        },
        { status: 409 },
      );
    }
    throw error;
  }
}

export default function NewUserPage() {
  const { t } = useTranslation();
  const { communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-user",
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewUserSchema),
    shouldRevalidate: "onInput",
    defaultValue: { role: "judge" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewUserSchema }),
  });
  return (
    <main className="mx-auto max-w-2xl px-4 py-6">
      <Link to="/admin/users" className="text-sm text-brand-700 underline">
        ← {t("users.back")}
      </Link>
      <div className="card mt-3">
        <h1 className="mb-6 text-2xl font-semibold">{t("users.create")}</h1>
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("users.username")}
            errors={fields.username.errors}
            inputProps={{
              ...getInputProps(fields.username, { type: "text" }),
              autoCapitalize: "none",
            }}
          />
          <Field
            label={t("users.displayName")}
            errors={fields.displayName.errors}
            inputProps={getInputProps(fields.displayName, { type: "text" })}
          />
          <SelectField
            label={t("users.role")}
            errors={fields.role.errors}
            selectProps={getSelectProps(fields.role)}
          >
            {ASSIGNABLE_ROLES.map((r) => (
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
          <Field
            className="sm:col-span-2"
            label={t("users.userTitle")}
            errors={fields.title.errors}
            inputProps={getInputProps(fields.title, { type: "text" })}
          />
          <Field
            className="sm:col-span-2"
            label={t("users.password")}
            errors={fields.password.errors}
            inputProps={{
              ...getInputProps(fields.password, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <div className="sm:col-span-2">
            <button type="submit" className="btn-primary">
              {t("users.create")}
            </button>
          </div>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
