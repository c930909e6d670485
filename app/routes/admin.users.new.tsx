import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoundField, SubmitRow } from "~/components/forms";
import { RoleAndCommunityFields } from "~/components/user-fields";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { NewUserSchema } from "~/forms/user-schemas";
import { listCommunities } from "~/models/community.server";
import { actorOf, createUser, UsernameTakenError } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";

const NewUserPageSchema = intents([NewUserSchema]);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, { role: "street_admin" });
  return json({ communities: await listCommunities(args.context.services.db) });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: NewUserPageSchema });
  if (submission.status !== "success") {
    return json({ result: refusal(submission, { hideFields: ["password"] }) }, { status: 400 });
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
          result: refusal(submission, {
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
          <input type="hidden" name="intent" value="create" />
          <BoundField
            label={t("users.username")}
            field={fields.username}
            inputProps={{ autoCapitalize: "none" }}
          />
          <BoundField label={t("users.displayName")} field={fields.displayName} />
          <RoleAndCommunityFields
            role={fields.role}
            communityId={fields.communityId}
            communities={communities}
          />
          <BoundField className="sm:col-span-2" label={t("users.userTitle")} field={fields.title} />
          <BoundField
            className="sm:col-span-2"
            label={t("users.password")}
            field={fields.password}
            type="password"
            inputProps={{ autoComplete: "new-password" }}
          />
          <SubmitRow className="sm:col-span-2" label={t("users.create")} form={form} errorsAbove />
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
