import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";

/** The chosen language; Chinese unless the visitor switched. */
export const localeCookie = createCookie("rs_lng", {
  path: "/",
  sameSite: "lax",
  maxAge: 365 * 24 * 3600,
});

export async function getLocale(request: Request): Promise<Locale> {
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
