/**
 * Only same-site absolute paths; anything else falls back (no open redirects).
 *
 * Browsers forgive a lot in a Location header: they drop tabs and newlines ("/\t/evil" becomes
 * "//evil"), read a backslash as a slash ("/\evil"), and some decode percent-escapes before
 * that. So a target is refused when, raw or decoded, it holds a control character, any
 * whitespace or a backslash, or starts with "//"; and what is left must resolve to our own
 * origin when parsed as a URL.
 */
const BASE = "http://roadshow.invalid";
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  for (let form = to, depth = 0; ; depth++) {
    for (const f of [form, form.normalize("NFKC")]) {
      if (!f.startsWith("/") || f.startsWith("//") || FORBIDDEN.test(f)) return fallback;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return fallback;
    }
    if (decoded === form) break;
    if (depth === 3) return fallback; // escapes nested this deep are no honest path
    form = decoded;
  }
  try {
    if (new URL(to, BASE).origin !== BASE) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
