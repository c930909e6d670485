/**
 * Whether the address printed in QR codes can be opened from a resident's phone, pure.
 *
 * QR codes (the big screen, ballot cards, judges' sign-in cards) carry `PUBLIC_URL`, or the
 * address the admin's browser used when it is unset. A phone on a mobile network cannot reach a
 * loopback address (127.x, localhost, ::1), a private one (10.x, 172.16–31.x, 192.168.x, fc00::/7),
 * a link-local one (169.254.x, fe80::) or a name that only the local network knows (`.local`, a
 * name without a dot): cards printed with such an address are waste paper. The admin is warned
 * before anything is printed.
 */
import ipaddr from "ipaddr.js";

export type PublicUrlProblem =
  /** PUBLIC_URL is not set: the QR codes carry whatever address the admin's browser used. */
  | "unset"
  /** Not an http(s) URL. */
  | "invalid"
  /** This machine only: 127.x, ::1, localhost, 0.0.0.0. */
  | "loopback"
  /** A private, link-local or carrier-internal network, or a name only the local network resolves. */
  | "private";

export interface PublicUrlCheck {
  /** The origin the QR codes use. */
  origin: string;
  problem: PublicUrlProblem | null;
}

const LOOPBACK_RANGES = new Set(["loopback", "unspecified"]);
const PRIVATE_RANGES = new Set(["private", "linkLocal", "uniqueLocal", "carrierGradeNat"]);

/** The problem with an address (the host of `url`), or null when phones can reach it. */
export function hostProblem(url: string): PublicUrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "invalid";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "invalid";
  const host = parsed.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "") return "invalid";
  if (ipaddr.isValid(host)) {
    const range = ipaddr.process(host).range();
    if (LOOPBACK_RANGES.has(range)) return "loopback";
    if (PRIVATE_RANGES.has(range)) return "private";
    return null;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (!host.includes(".")) return "private";
  if (/\.(local|lan|internal|intranet|home\.arpa)$/.test(host)) return "private";
  return null;
}

/**
 * Where QR codes point, and what is wrong with it: `configured` is PUBLIC_URL, `requestOrigin`
 * the origin of the admin's own request (used when PUBLIC_URL is unset).
 */
export function checkPublicUrl(
  configured: string | undefined,
  requestOrigin: string,
): PublicUrlCheck {
  if (!configured?.trim()) return { origin: requestOrigin, problem: "unset" };
  const origin = configured.trim().replace(/\/+$/, "");
  return { origin, problem: hostProblem(origin) };
}
