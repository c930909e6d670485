import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  json,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field } from "~/components/forms";
import { shouldSeedDemo } from "~/env.server";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { authenticate, requireAnonymous, startSession } from "~/server/auth.server";

const LoginSchema = z.object({
  intent: z.literal("login").default("login"),
  username: z
    .string({ error: msg("errors.required") })
    .trim()
    .min(1, msg("errors.required"))
    .max(64),
  password: z
    .string({ error: msg("errors.required") })
    .min(1, msg("errors.required"))
    .max(256),
  redirectTo: z.string().optional(),
});
const LoginPageSchema = intents([LoginSchema]);

export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args);
  // The demo password is shown only where the server creates the demo accounts (demo mode),
  // never on a production database.
  return json({ demo: shouldSeedDemo(args.context.services.config) });
}

export async function action(args: ActionFunctionArgs) {
  const formData = await readForm(args.request);
  const submission = parseWithZod(formData, { schema: LoginPageSchema });
  if (submission.status !== "success") {
    return json({ result: refusal(submission, { hideFields: ["password"] }) }, { status: 400 });
  }
  const result = await authenticate(args.context, submission.value);
  if (!result.ok) {
    const error =
      result.reason === "throttled"
        ? msg("login.throttled", { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })
        : msg("login.invalid");
    return json(
      { result: submission.reply({ formErrors: [error], hideFields: ["password"] }) },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  return startSession(args, result.user, submission.value.redirectTo ?? null);
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <div className="card">
        <h1 className="mb-6 text-2xl font-semibold">{t("login.title")}</h1>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="intent" value="login" />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            label={t("login.username")}
            errors={fields.username.errors}
            inputProps={{
              ...getInputProps(fields.username, { type: "text" }),
              autoComplete: "username",
              autoCapitalize: "none",
              autoFocus: true,
            }}
          />
          <Field
            label={t("login.password")}
            errors={fields.password.errors}
            inputProps={{
              ...getInputProps(fields.password, { type: "password" }),
              autoComplete: "current-password",
            }}
          />
          <ErrorList id={form.errorId} errors={form.errors} />
          <button
            type="submit"
            className="btn-primary w-full"
            disabled={navigation.state === "submitting"}
          >
            {t("login.submit")}
          </button>
        </Form>
        {demo ? <p className="mt-6 text-sm text-stone-500">{t("login.hint")}</p> : null}
      </div>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "登录 · 社区路演" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
