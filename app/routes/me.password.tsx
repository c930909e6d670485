import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { ChangePasswordSchema } from "~/forms/user-schemas";
import { actorOf, checkPassword, setPassword } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";

const PasswordPageSchema = intents([ChangePasswordSchema]);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  return json({});
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { db } = args.context.services;
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: PasswordPageSchema });
  const hideFields = ["current", "password", "confirm"];
  if (submission.status !== "success") {
    return json({ result: refusal(submission, { hideFields }) }, { status: 400 });
  }
  if (!(await checkPassword(db, user.id, submission.value.current))) {
    return json(
      {
        result: submission.reply({
          fieldErrors: { current: [msg("errors.wrongCurrentPassword")] },
          hideFields,
        }),
      },
      { status: 400 },
    );
  }
  await setPassword(db, actorOf(user), user.id, submission.value.password, "user.change_password");
  args.context.services.realtime.disconnectUser(user.id); // signed out everywhere, sockets too
  return redirectWithToast(args.context, args.request, "/login", { message: "password.changed" });
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="card">
        <h1 className="mb-6 text-2xl font-semibold">{t("password.title")}</h1>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label={t("password.current")}
            errors={fields.current.errors}
            inputProps={{
              ...getInputProps(fields.current, { type: "password" }),
              autoComplete: "current-password",
            }}
          />
          <Field
            label={t("password.next")}
            errors={fields.password.errors}
            inputProps={{
              ...getInputProps(fields.password, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <Field
            label={t("password.confirm")}
            errors={fields.confirm.errors}
            inputProps={{
              ...getInputProps(fields.confirm, { type: "password" }),
              autoComplete: "new-password",
            }}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-primary w-full">
            {t("password.submit")}
          </button>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
