import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedsFilter, NeedsImport, NeedsTable } from "~/components/needs-table";
import { intents, refusal } from "~/forms/intent";
import { needFilterFrom } from "~/forms/need-filter";
import { NeedsImportSchema } from "~/forms/need-form";
import { listCommunities } from "~/models/community.server";
import { listNeeds } from "~/models/need.server";
import { requireUser } from "~/server/auth.server";
import { importNeedsFile, readNeedsUpload } from "~/server/needs-import.server";
import { redirectWithToast } from "~/server/toast.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const filter = needFilterFrom(new URL(args.request.url));
  const [needs, communities] = await Promise.all([
    listNeeds(db, { ...filter, communityId: filter.community }),
    listCommunities(db),
  ]);
  return json({ needs, communities, canImport: user.role === "street_admin" });
}

const NeedsPageSchema = intents([NeedsImportSchema]);

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const upload = await readNeedsUpload(args.request);
  if (!upload.ok) return json({ result: null, importErrors: upload.errors }, { status: 400 });
  const submission = parseWithZod(upload.form, { schema: NeedsPageSchema });
  if (submission.status !== "success") {
    // The import form shows its refusals in one list: an unknown intent, no file.
    const result = refusal(submission);
    const importErrors = Object.values(result.error ?? {})
      .flatMap((messages) => messages ?? [])
      .map((message) => ({ line: 0, message }));
    return json({ result, importErrors }, { status: 400 });
  }
  const result = await importNeedsFile(args.context, admin, submission.value.file);
  if (!result.ok) return json({ result: null, importErrors: result.errors }, { status: 400 });
  return redirectWithToast(args.context, args.request, "/admin/needs", {
    message: result.skipped ? "needs.importedSkipped" : "needs.imported",
    values: { count: result.count, skipped: result.skipped },
  });
}

export default function AllNeeds() {
  const { t } = useTranslation();
  const { needs, communities, canImport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("needs.allTitle")}</h1>
        <a href={`/needs/export.csv?${params}`} className="btn-secondary" download>
          {t("needs.exportCsv")}
        </a>
      </div>
      <section className="card space-y-4">
        <NeedsFilter communities={communities} values={Object.fromEntries(params)} />
        <p className="text-sm text-stone-500">{t("needs.count", { count: needs.length })}</p>
        <NeedsTable needs={needs} showCommunity />
      </section>
      {canImport ? (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("needs.importCsv")}</h2>
          <NeedsImport errors={actionData?.importErrors} />
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
