import QRCode from "qrcode";
import { checkPublicUrl } from "../utils/public-url";

/** An SVG QR code for a URL (generated here, so it is safe to inline). */
export function qrSvg(
  url: string,
  options: { margin?: number; dark?: string; light?: string } = {},
) {
  return QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: options.margin ?? 1,
    color: { dark: options.dark ?? "#000000", light: options.light ?? "#ffffff" },
  });
}

/**
 * Where QR codes point (PUBLIC_URL when set, else the request's own origin) and whether a
 * resident's phone can open it: pages that print QR codes show the problem to the admin.
 */
export function qrAddress(request: Request, configured: string | undefined) {
  return checkPublicUrl(configured, new URL(request.url).origin);
}

/** The public base URL: PUBLIC_URL when set, else the request's own origin. */
export function publicOrigin(request: Request, configured: string | undefined) {
  return qrAddress(request, configured).origin;
}
