import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/need-form";
import { NeedsFilter, NeedsImport, NeedsTable } from "~/components/needs-table";
import { createNeed, listNeeds } from "~/models/need.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/form-data.server";
import { needFilterFrom } from "~/utils/need-filter";
import { NeedSchema } from "~/utils/need-form";
import { importNeedsFromRequest } from "~/utils/needs-import.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  const filter = needFilterFrom(new URL(args.request.url));
  const needs = await listNeeds(args.context.services.db, {
    ...filter,
    communityId: user.communityId,
  });
  return json({ needs });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { role: "secretary" });
  invariantResponse(user.communityId, "Forbidden", { status: 403 });
  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const result = await importNeedsFromRequest(args.context, args.request, user);
    if (!result.ok)
      return json(
        { intent: "import" as const, importErrors: result.errors, result: null },
        { status: 400 },
      );
    return redirectWithToast(args.context, args.request, "/secretary/needs", {
      message: result.skipped ? "needs.importedSkipped" : "needs.imported",
      values: { count: result.count, skipped: result.skipped },
    });
  }
  const submission = parseWithZod(await readForm(args.request), { schema: NeedSchema });
  if (submission.status !== "success")
    return json(
      { intent: "create" as const, result: submission.reply(), importErrors: null },
      { status: 400 },
    );
  await createNeed(args.context.services.db, actorOf(user), user.communityId, {
    ...submission.value,
    description: submission.value.description ?? "",
  });
  return redirectWithToast(args.context, args.request, "/secretary/needs", {
    message: "needs.created",
  });
}

export default function SecretaryNeeds() {
  const { t } = useTranslation();
  const { needs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("needs.title")}</h1>
        <a href={`/needs/export.csv?${params}`} className="btn-secondary" download>
          {t("needs.exportCsv")}
        </a>
      </div>
      <section className="card">
        <h2 className="mb-4 text-lg font-semibold">{t("needs.add")}</h2>
        <NeedForm id="new-need" lastResult={actionData?.result} submitLabel={t("needs.add")} />
      </section>
      <section className="card space-y-4">
        <NeedsFilter values={Object.fromEntries(params)} />
        <p className="text-sm text-stone-500">{t("needs.count", { count: needs.length })}</p>
        <NeedsTable
          needs={needs}
          showCommunity={false}
          editHref={(id) => `/secretary/needs/${id}`}
        />
      </section>
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("needs.importCsv")}</h2>
        <NeedsImport errors={actionData?.importErrors ?? undefined} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
