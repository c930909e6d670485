import QRCode from "qrcode";

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

/** The public base URL: PUBLIC_URL when set, else the request's own origin. */
export function publicOrigin(request: Request, configured: string | undefined) {
  if (configured) return configured.replace(/\/$/, "");
  return new URL(request.url).origin;
}
