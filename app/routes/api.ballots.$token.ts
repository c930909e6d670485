import { type ActionFunctionArgs, json } from "@remix-run/node";
import { castFromForm } from "~/utils/vote.server";

/**
 * POST /api/ballots/<token> with one `choice` field per project id (form-encoded): casts the
 * ballot and answers JSON — { ok, status: "cast" | "already", receipt } or { ok: false, error }.
 * Retrying is safe: the same token always gives the same single ballot and receipt.
 */
export async function action({ params, request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ ok: false, error: "method" }, { status: 405 });
  const result = await castFromForm(context, params.token ?? "", await request.formData());
  if (result.ok) return json({ ok: true, status: result.status, receipt: result.receipt });
  const status =
    result.refusal === "unknown"
      ? 404
      : result.refusal === "void"
        ? 410
        : result.refusal === "notYet" || result.refusal === "closed"
          ? 403
          : 400;
  return json({ ok: false, error: result.refusal }, { status });
}

export function loader() {
  return json({ ok: false, error: "method" }, { status: 405 });
}
