import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/need-form";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { NeedEditSchema } from "~/forms/need-form";
import { getNeed, updateNeed } from "~/models/need.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { idParam } from "~/utils/params";

async function ownNeed(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  const need = await getNeed(args.context.services.db, idParam(args.params.needId));
  invariantResponse(need, "Not found", { status: 404 });
  invariantResponse(need.communityId === user.communityId, "Forbidden", { status: 403 });
  return { user, need };
}

export async function loader(args: LoaderFunctionArgs) {
  const { need } = await ownNeed(args);
  return json({ need });
}

export async function action(args: ActionFunctionArgs) {
  const { user, need } = await ownNeed(args);
  const submission = parseWithZod(await readForm(args.request), { schema: NeedEditSchema });
  if (submission.status !== "success") {
    return json({ result: refusal(submission) }, { status: 400 });
  }
  const { intent: _, ...value } = submission.value;
  await updateNeed(args.context.services.db, actorOf(user), need.id, {
    ...value,
    description: value.description ?? "",
  });
  return redirectWithToast(args.context, args.request, "/secretary/needs", {
    message: "needs.updated",
  });
}

export default function EditNeed() {
  const { t } = useTranslation();
  const { need } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <Link to="/secretary/needs" className="text-sm text-brand-700 underline">
        ← {t("needs.back")}
      </Link>
      <section className="card">
        <h1 className="mb-4 text-2xl font-semibold">{t("needs.edit")}</h1>
        <NeedForm
          id={`need-${need.id}`}
          intent="update"
          lastResult={actionData?.result}
          submitLabel={t("needs.save")}
          defaultValue={{
            title: need.title,
            description: need.description,
            source: need.source,
            raisedCount: String(need.raisedCount),
            status: need.status,
          }}
        />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
