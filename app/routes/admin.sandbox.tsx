/**
 * 试算 (sandbox): the street uploads a Pabulib `.pb` file (e.g. a past round's ballots.pb, or
 * any file from pabulib.org) and runs the allocation rules on it, to try them on real data
 * without touching a live round. Street admins upload; observers may look. A sandbox is never a
 * competition (app/models/sandbox.server.ts).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  json,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { PB_RULES, type PbRule } from "~/domain/allocation/pb-rules";
import { decodeCsv } from "~/domain/csv-encoding";
import { MAX_SANDBOX_BYTES } from "~/domain/sandbox";
import { memoryUploadHandler, readMultipart } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { msg } from "~/forms/messages";
import { importSandbox, listSandboxes, runSandboxRule } from "~/models/sandbox.server";
import { actorOf } from "~/models/user.server";
import { requireUser } from "~/server/auth.server";
import { redirectWithToast } from "~/server/toast.server";
import { formatDateTime } from "~/utils/datetime";
import { isId } from "~/utils/params";

const SandboxSchema = intents([
  z.object({
    intent: z.literal("import").default("import"),
    file: z.custom<Blob>((v) => v instanceof Blob && v.size > 0, msg("sandbox.noFile")),
  }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: ["street_admin", "observer"] });
  const { db } = args.context.services;
  const url = new URL(args.request.url);
  const id = Number(url.searchParams.get("id"));
  const ruleParam = url.searchParams.get("rule");
  const rule: PbRule = (PB_RULES as readonly string[]).includes(ruleParam ?? "")
    ? (ruleParam as PbRule)
    : "equal-shares-add1";
  const [list, current] = await Promise.all([
    listSandboxes(db),
    isId(id) ? runSandboxRule(db, id, rule) : Promise.resolve(null),
  ]);
  return json({ list, current, rule, canImport: user.role === "street_admin" });
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, { role: "street_admin" });
  const fileError = (message: string) =>
    json({ result: { status: "error" as const, error: { file: [message] } } }, { status: 400 });
  let form: FormData;
  try {
    form = await readMultipart(args.request, memoryUploadHandler("file", MAX_SANDBOX_BYTES));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return fileError(msg("sandbox.tooBig", { max: MAX_SANDBOX_BYTES / 1024 / 1024 }));
    throw error;
  }
  const submission = parseWithZod(form, { schema: SandboxSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission) }, { status: 400 });
  const file = submission.value.file;
  const { text } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const imported = await importSandbox(args.context.services.db, actorOf(admin), {
    text,
    fileName: file instanceof File ? file.name : "",
  });
  if (!imported.ok) return fileError(msg(imported.message as never, imported.values));
  return redirectWithToast(args.context, args.request, `/admin/sandbox?id=${imported.id}`, {
    message: "sandbox.imported",
  });
}

export default function Sandbox() {
  const { t } = useTranslation();
  const { list, current, rule, canImport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const result = current?.result;
  // The file's refusal, or an unknown intent (shown beside the file: the form's one field).
  const errors = actionData?.result?.error as Record<string, string[] | null> | undefined;
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("sandbox.title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("sandbox.intro")}</p>
      </div>
      {canImport ? (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("sandbox.import")}</h2>
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <input type="hidden" name="intent" value="import" />
            <Field
              label={t("sandbox.file")}
              hint={t("sandbox.fileHint", { max: MAX_SANDBOX_BYTES / 1024 / 1024 })}
              errors={[...(errors?.file ?? []), ...(errors?.intent ?? [])]}
              inputProps={{
                type: "file",
                name: "file",
                accept: ".pb,text/plain",
                className: "block w-full text-sm",
              }}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("sandbox.upload")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("sandbox.list")}</h2>
        {list.length === 0 ? (
          <p className="text-sm text-stone-500">{t("sandbox.none")}</p>
        ) : (
          <ul className="divide-y divide-stone-200" data-testid="sandbox-list">
            {list.map((s) => (
              <li key={s.id} className="py-2">
                <Link
                  to={`?id=${s.id}&rule=${rule}`}
                  className="font-medium text-brand-700 underline"
                >
                  {s.name}
                </Link>
                <span className="block text-sm text-stone-500">
                  {t("sandbox.facts", { projects: s.numProjects, votes: s.numVotes })}
                  {s.fileName ? ` · ${s.fileName}` : ""} · {formatDateTime(s.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {current && result ? (
        <section className="card space-y-3" data-testid="sandbox-result">
          <h2 className="text-lg font-semibold">{current.name}</h2>
          <nav className="flex flex-wrap gap-2" aria-label={t("sandbox.rule")}>
            {PB_RULES.map((r) => (
              <Link
                key={r}
                to={`?id=${current.id}&rule=${r}`}
                aria-current={r === rule ? "page" : undefined}
                className={r === rule ? "btn-primary" : "btn-secondary"}
              >
                {t(`sandbox.rules.${r}`)}
              </Link>
            ))}
          </nav>
          {result.ok ? (
            <>
              <p className="text-sm text-stone-600">
                {t("sandbox.summary", {
                  budget: result.budget,
                  spent: result.spent,
                  voters: result.voters,
                  count: result.rows.filter((r) => r.selected).length,
                })}
                {result.perVoter ? ` ${t("sandbox.perVoter", { share: result.perVoter })}` : ""}
              </p>
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="border-b border-stone-300 text-left text-stone-500">
                      <th className="py-1 pr-2">{t("sandbox.project")}</th>
                      <th className="whitespace-nowrap py-1 pr-2 text-right">
                        {t("sandbox.cost")}
                      </th>
                      <th className="whitespace-nowrap py-1 pr-2 text-right">
                        {t("sandbox.votes")}
                      </th>
                      <th className="py-1">{t("sandbox.outcome")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.rows.map((r) => (
                      <tr
                        key={r.id}
                        className={`border-b border-stone-200 align-top ${r.selected ? "bg-emerald-50" : ""}`}
                        data-testid="sandbox-row"
                        data-selected={r.selected ? "1" : "0"}
                      >
                        <td className="py-1 pr-2">
                          <span className="font-mono text-xs text-stone-500">{r.id}</span> {r.name}
                        </td>
                        <td className="py-1 pr-2 text-right tabular-nums">{r.cost}</td>
                        <td className="py-1 pr-2 text-right tabular-nums">{r.votes}</td>
                        <td className="py-1">
                          {r.selected ? t("sandbox.selected") : t("sandbox.notSelected")}
                          {r.pay ? (
                            <span className="block text-xs text-stone-500">
                              {t("sandbox.pay", { pay: r.pay })}
                            </span>
                          ) : null}
                          {r.left ? (
                            <span className="block text-xs text-stone-500">
                              {t("sandbox.left", { left: r.left, cost: r.cost })}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="text-xs text-stone-500">{t("sandbox.explain")}</p>
            </>
          ) : (
            <p role="alert" className="text-sm text-red-800">
              {t("sandbox.add1Limit", result.values)}
            </p>
          )}
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
