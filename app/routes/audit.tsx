import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList } from "~/components/forms";
import { readForm } from "~/forms/form-data.server";
import { intents, refusal } from "~/forms/intent";
import { listAuditEntries, verifyAuditLog } from "~/models/audit.server";
import { requireUser } from "~/server/auth.server";
import { actionLabel, actorLabel, subjectLabel } from "~/utils/audit-labels";
import { formatDateTimeSeconds } from "~/utils/datetime";

const READERS = ["street_admin", "observer"] as const;
const PAGE = 50;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { role: READERS });
  const before = Number(new URL(args.request.url).searchParams.get("before"));
  const entries = await listAuditEntries(args.context.services.db, {
    limit: PAGE,
    beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  });
  return json({
    // Observers check the trail, not who logged in from where: no client addresses for them.
    entries: user.role === "street_admin" ? entries : entries.map(withoutAddresses),
    hasMore: entries.length === PAGE,
  });
}

function withoutAddresses<T extends { actorLabel: string; payload: unknown }>(entry: T): T {
  return {
    ...entry,
    actorLabel: entry.actorLabel.replace(/^ip .*/, "ip ***"),
    payload: dropKey(entry.payload, "ip"),
  };
}

function dropKey(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => dropKey(v, key));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k.toLowerCase() !== key)
      .map(([k, v]) => [k, dropKey(v, key)]),
  );
}

/** The page's one form: check the chain. */
const AuditPageSchema = intents([z.object({ intent: z.literal("verify").default("verify") })]);

/** Verifying is read-only (it never seals), so observers may run it too. */
export async function action(args: ActionFunctionArgs) {
  await requireUser(args, { role: READERS });
  const submission = parseWithZod(await readForm(args.request), { schema: AuditPageSchema });
  if (submission.status !== "success")
    return json({ result: refusal(submission), verification: null }, { status: 400 });
  return json({
    result: submission.reply(),
    verification: await verifyAuditLog(args.context.services.db),
  });
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { entries, hasMore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = actionData?.verification;
  const [form] = useForm({ id: "audit-verify", lastResult: actionData?.result });
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <Form method="post" {...getFormProps(form)} className="flex flex-col items-end gap-1">
          <input type="hidden" name="intent" value="verify" />
          <button type="submit" className="btn-primary">
            {t("audit.verify")}
          </button>
          <ErrorList id={form.errorId} errors={form.errors} />
        </Form>
      </div>
      {v ? (
        <div
          role="status"
          className={`rounded-lg border px-4 py-3 ${v.ok ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}
        >
          {v.ok || !v.broken
            ? t("audit.verifyOk", { count: v.checked })
            : t("audit.verifyBroken", {
                seq: v.broken.seq,
                id: v.broken.id ?? "—",
                action: v.broken.action ? actionLabel(t, v.broken.action) : "",
                kind: t(`audit.kinds.${v.broken.kind}`),
              })}
          <div className="mt-1 break-all font-mono text-xs text-stone-600">
            {t("audit.head")}: {v.head}
          </div>
        </div>
      ) : null}
      <div className="card overflow-x-auto p-0 sm:p-0">
        <table className="table">
          <thead>
            <tr>
              <th>{t("audit.seq")}</th>
              <th>
                {t("audit.time")}
                <span className="block text-xs font-normal text-stone-500">
                  {t("audit.timeZone")}
                </span>
              </th>
              <th>{t("audit.actor")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.subject")}</th>
              <th className="hidden lg:table-cell">hash</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="font-mono">{e.seq ?? t("audit.pending")}</td>
                <td className="whitespace-nowrap tabular-nums">
                  <time dateTime={new Date(e.createdAt).toISOString()}>
                    {formatDateTimeSeconds(e.createdAt)}
                  </time>
                </td>
                <td>{actorLabel(t, e.actorLabel)}</td>
                <td>
                  {actionLabel(t, e.action)}
                  <span className="block font-mono text-xs text-stone-500">{e.action}</span>
                </td>
                <td>{subjectLabel(t, e.subjectType, e.subjectId)}</td>
                <td className="hidden font-mono text-xs text-stone-500 lg:table-cell">
                  {e.hash?.slice(0, 16)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasMore ? (
        <Link to={`?before=${entries[entries.length - 1]!.id}`} className="btn-secondary">
          {t("audit.older")}
        </Link>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
