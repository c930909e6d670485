/**
 * POST /api/ballots/<token> — the voting API for kiosks, scripts and load tests: one `choice`
 * field per project id (form-encoded), a JSON answer: { ok, status: "cast" | "already", receipt }
 * or { ok: false, error }. Retrying is safe: one token always gives one ballot and one receipt.
 *
 * It is mounted on Express ahead of Remix on purpose: this is the hottest write path of the
 * whole event (thousands of residents within minutes), and Remix's per-request route matching
 * (it flattens and ranks every route on each request) cost more than the vote itself.
 */
import express, { type Request, type Response } from "express";
import { describeError } from "../../db/log-safe";
import type { Services } from "../services.server";
import { castVote, choiceIds } from "./vote.server";

const HTTP_STATUS: Record<string, number> = {
  unknown: 404,
  void: 410,
  notYet: 403,
  closed: 403,
  throttled: 429,
};

export function voteApi(services: Services) {
  const router = express.Router();
  router.post(
    "/api/ballots/:token",
    express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 200 }),
    (req: Request, res: Response) => {
      const raw = (req.body as { choice?: string | string[] } | undefined)?.choice;
      const choices = choiceIds(Array.isArray(raw) ? raw : raw ? [raw] : []);
      res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      castVote(services, req.ip ?? "unknown", req.params.token ?? "", choices)
        .then((result) => {
          if (result.ok)
            return res.json({ ok: true, status: result.status, receipt: result.receipt });
          if (result.refusal === "throttled") res.set("Retry-After", String(result.retryAfter));
          return res
            .status(HTTP_STATUS[result.refusal] ?? 400)
            .json({ ok: false, error: result.refusal });
        })
        .catch((error: unknown) => {
          console.error("[vote api]", describeError(error));
          res.status(500).json({ ok: false, error: "server" });
        });
    },
  );
  return router;
}
