import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { safeRedirect } from "~/server/safe-redirect";

/** Switches the interface language and goes back where the visitor was. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lng = url.searchParams.get("lng");
  const locale = isLocale(lng) ? lng : DEFAULT_LOCALE;
  return redirect(safeRedirect(url.searchParams.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
