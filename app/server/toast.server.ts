/** One-shot messages shown after a redirect (flash cookie). */
import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { MessageKey } from "../forms/messages";

const ToastSchema = z.object({
  kind: z.enum(["success", "error", "info"]).default("success"),
  /** An i18n key; `values` fill its placeholders. */
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof ToastSchema>;

const KEY = "toast";

export async function redirectWithToast(
  context: AppLoadContext,
  request: Request,
  url: string,
  toast: z.input<typeof ToastSchema> & { message: MessageKey },
  init: ResponseInit = {},
) {
  const storage = context.services.auth.flash;
  const session = await storage.getSession(request.headers.get("Cookie"));
  session.flash(KEY, ToastSchema.parse(toast));
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await storage.commitSession(session));
  return redirect(url, { ...init, headers });
}

export async function readToast(context: AppLoadContext, request: Request) {
  const storage = context.services.auth.flash;
  const session = await storage.getSession(request.headers.get("Cookie"));
  const parsed = ToastSchema.safeParse(session.get(KEY));
  const toast = parsed.success ? parsed.data : null;
  return {
    toast,
    headers: toast ? { "Set-Cookie": await storage.destroySession(session) } : undefined,
  };
}
