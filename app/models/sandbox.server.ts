/**
 * The street's sandboxes (试算): uploaded Pabulib files to try the allocation rules on. A sandbox
 * is its own table, never a competition, so nothing public, the dashboard or a competitions list
 * reads it; it has no tokens, no phase and nothing to publish. The import is audited.
 */
import { createHash } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { sandboxes } from "../../db/schema";
import type { PbRule } from "../domain/allocation/pb-rules";
import { checkSandboxPb, runSandbox } from "../domain/sandbox";
import { appendAudit, type Actor } from "./audit.server";

type ImportResult =
  | { ok: true; id: number }
  | { ok: false; message: string; values?: Record<string, string | number> };

export async function importSandbox(
  db: Db,
  actor: Actor,
  input: { text: string; fileName: string },
): Promise<ImportResult> {
  const text = input.text.replace(/^\uFEFF/, "");
  const checked = checkSandboxPb(text, input.fileName);
  if (!checked.ok) return checked;
  const fileName = input.fileName.slice(0, 200);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sandboxes)
      .values({
        name: checked.name,
        fileName,
        pb: text,
        numProjects: checked.numProjects,
        numVotes: checked.numVotes,
        createdBy: actor.userId,
      })
      .returning({ id: sandboxes.id });
    await appendAudit(tx, actor, {
      action: "sandbox.import",
      subjectType: "sandbox",
      subjectId: row!.id,
      payload: {
        name: checked.name,
        fileName,
        projects: checked.numProjects,
        votes: checked.numVotes,
        sha256: createHash("sha256").update(text, "utf8").digest("hex"),
      },
    });
    return { ok: true as const, id: row!.id };
  });
}

export async function listSandboxes(db: DbOrTx) {
  return db
    .select({
      id: sandboxes.id,
      name: sandboxes.name,
      fileName: sandboxes.fileName,
      numProjects: sandboxes.numProjects,
      numVotes: sandboxes.numVotes,
      createdAt: sandboxes.createdAt,
    })
    .from(sandboxes)
    .orderBy(desc(sandboxes.id));
}

/** A sandbox's selection under a rule (null: no such sandbox). */
export async function runSandboxRule(
  db: DbOrTx,
  id: number,
  rule: PbRule,
  options: { maxRuns?: number } = {},
) {
  const [row] = await db
    .select({ id: sandboxes.id, name: sandboxes.name, pb: sandboxes.pb })
    .from(sandboxes)
    .where(eq(sandboxes.id, id));
  if (!row) return null;
  return { id: row.id, name: row.name, result: runSandbox(row.pb, rule, options) };
}
