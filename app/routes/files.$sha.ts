import fs from "node:fs";
import { Readable } from "node:stream";
import { invariantResponse } from "@epic-web/invariant";
import { type LoaderFunctionArgs, createReadableStreamFromReadable } from "@remix-run/node";
import { canManageView } from "~/domain/delivery";
import { canRead } from "~/domain/proposal-flow";
import { deliveryFileOwners } from "~/models/delivery.server";
import { deckFileOwners } from "~/models/proposal.server";
import { uploadPath } from "~/models/upload.server";
import { getUser } from "~/server/auth.server";

/**
 * Serves a stored deck file to whoever may read one of the proposals it belongs to (or a
 * delivery's photo or receipt, see below), with
 * headers that keep a browser from treating it as anything but the checked type: a file is
 * only ever a PDF or an image, but a crafted one can be HTML at the same time (a polyglot),
 * and it is served on the app's own origin. So:
 *
 * - `X-Content-Type-Options: nosniff`, always (helmet sends it on every response): a browser
 *   that honours it renders the declared type and nothing else.
 * - `inline` only for a browser that proves it is one of those (it sends Fetch Metadata, which
 *   every such browser does) and only when the file is shown by one of our pages or opened by
 *   the user; anything else (an old or unknown client, another site's link) gets `attachment`,
 *   a download, never a page on our origin.
 * - Images also get `Content-Security-Policy: sandbox` (an opaque origin, no scripts). PDFs
 *   cannot: Chrome's PDF viewer refuses to run in a sandbox (crbug 413851).
 */
export async function loader(args: LoaderFunctionArgs) {
  const sha = args.params.sha ?? "";
  invariantResponse(/^[0-9a-f]{64}$/.test(sha), "Not found", { status: 404 });
  const { db, config } = args.context.services;
  const [decks, deliveryFiles] = await Promise.all([
    deckFileOwners(db, sha),
    deliveryFileOwners(db, sha),
  ]);
  invariantResponse(decks.length + deliveryFiles.length > 0, "Not found", { status: 404 });
  // Accepted decks and delivery photos are public; receipts are for the street, observers and
  // the community's secretary.
  const publicFile =
    decks.some((o) => o.status === "accepted") || deliveryFiles.some((o) => o.kind === "photo");
  if (!publicFile) {
    const user = await getUser(args);
    const allowed =
      decks.some((o) =>
        canRead({
          status: o.status,
          role: user?.role ?? null,
          ownCommunity: Boolean(
            user && user.communityId === o.communityId && user.role === "secretary",
          ),
        }),
      ) ||
      deliveryFiles.some((o) =>
        canManageView(
          { role: user?.role ?? null, communityId: user?.communityId ?? null },
          o.communityId,
        ),
      );
    invariantResponse(allowed, "Not found", { status: 404 });
  }
  const file = uploadPath(config.dataDir, sha);
  const stat = await fs.promises.stat(file).catch(() => null);
  invariantResponse(stat, "Not found", { status: 404 });
  const { mime, name } = (decks[0] ?? deliveryFiles[0])!;
  const disposition = showInline(args.request) ? "inline" : "attachment";
  const headers = new Headers({
    "Content-Type": mime,
    "Content-Length": String(stat.size),
    "Content-Disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cross-Origin-Resource-Policy": "same-origin",
    // Content-addressed: the bytes never change; only who may see them does.
    "Cache-Control": publicFile ? "public, max-age=31536000, immutable" : "private, no-store",
    ETag: `"${sha}"`,
    // The answer depends on these request headers: a cache must keep them apart.
    Vary: "Sec-Fetch-Dest, Sec-Fetch-Site",
  });
  if (mime !== "application/pdf")
    headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  if (args.request.headers.get("If-None-Match") === `"${sha}"`)
    return new Response(null, { status: 304, headers });
  const stream = createReadableStreamFromReadable(Readable.from(fs.createReadStream(file)));
  return new Response(stream, { headers });
}

const SHOWN_BY = new Set(["iframe", "embed", "object", "image", "document"]);

/** Inline only for a Fetch Metadata browser, shown by our own page or opened by the user. */
function showInline(request: Request) {
  const dest = request.headers.get("Sec-Fetch-Dest");
  const site = request.headers.get("Sec-Fetch-Site");
  return Boolean(dest && SHOWN_BY.has(dest) && (site === "same-origin" || site === "none"));
}
