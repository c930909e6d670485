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
import { castVote, choiceIds, evaluationFieldsOf } from "./vote.server";

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
      const body = (req.body ?? {}) as Record<string, string | string[] | undefined>;
      const raw = body.choice;
      // 效果共评 (rating mode): `rating.<id>` fields give the choices and their ratings.
      const evaluation = evaluationFieldsOf(
        Object.entries(body).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v ?? ""]).map((x): [string, string] => [k, x]),
        ),
      );
      const choices = evaluation.ratings.length
        ? evaluation.ratings.map((r) => r.proposalId)
        : choiceIds(Array.isArray(raw) ? raw : raw ? [raw] : []);
      const extra = {
        ...(evaluation.ratings.length ? { ratings: evaluation.ratings.map((r) => r.rating) } : {}),
        comments: evaluation.comments,
      };
      res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      castVote(services, req.ip ?? "unknown", req.params.token ?? "", choices, extra)
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
