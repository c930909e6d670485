import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/need-form";
import { NeedsFilter, NeedsImport, NeedsTable } from "~/components/needs-table";
import type { NeedCsvError } from "~/domain/needs-csv";
import { readForm } from "~/forms/form-data.server";
import { refusal } from "~/forms/intent";
import { needFilterFrom } from "~/forms/need-filter";
import { NeedsPageSchema } from "~/forms/need-form";
import { createNeed, listNeeds } from "~/models/need.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { importNeedsFile, readNeedsUpload } from "~/server/needs-import.server";
import { redirectWithToast } from "~/server/toast.server";

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
  // The import form is a multipart upload, read with the CSV's size cap.
  let form: FormData;
  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readNeedsUpload(args.request);
    if (!upload.ok) return importRefused(upload.errors);
    form = upload.form;
  } else {
    form = await readForm(args.request);
  }
  const submission = parseWithZod(form, { schema: NeedsPageSchema });
  if (submission.status !== "success") {
    return json(
      { intent: "create" as const, result: refusal(submission), importErrors: null },
      { status: 400 },
    );
  }
  const here = "/secretary/needs";
  if (submission.value.intent === "import") {
    const result = await importNeedsFile(args.context, user, form.get("file"));
    if (!result.ok) return importRefused(result.errors);
    return redirectWithToast(args.context, args.request, here, {
      message: result.skipped ? "needs.importedSkipped" : "needs.imported",
      values: { count: result.count, skipped: result.skipped },
    });
  }
  const { intent: _, ...need } = submission.value;
  await createNeed(args.context.services.db, actorOf(user), user.communityId, {
    ...need,
    description: need.description ?? "",
  });
  return redirectWithToast(args.context, args.request, here, { message: "needs.created" });
}

function importRefused(importErrors: NeedCsvError[]) {
  return json({ intent: "import" as const, importErrors, result: null }, { status: 400 });
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
        <NeedForm
          id="new-need"
          intent="create"
          lastResult={actionData?.result}
          submitLabel={t("needs.add")}
        />
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
