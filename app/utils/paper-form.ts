/** Reads a paper count form (ballotsCast, invalid, votes-<proposalId>), with messages per field. */
import { msg } from "./messages";

export type CountForm =
  | { ok: true; count: { ballotsCast: number; invalid: number; votes: Record<string, number> } }
  | { ok: false; errors: Record<string, string[]> };

function whole(raw: FormDataEntryValue | null) {
  const s = String(raw ?? "")
    .normalize("NFKC")
    .trim();
  if (s === "") return 0;
  return /^\d{1,7}$/.test(s) ? Number(s) : null;
}

export function parseCountForm(form: FormData): CountForm {
  const errors: Record<string, string[]> = {};
  const ballotsCast = whole(form.get("ballotsCast"));
  const invalid = whole(form.get("invalid"));
  if (ballotsCast === null) errors.ballotsCast = [msg("paper.errors.negative")];
  if (invalid === null) errors.invalid = [msg("paper.errors.negative")];
  const votes: Record<string, number> = {};
  for (const [key, value] of form) {
    const m = /^votes-(\d+)$/.exec(key);
    if (!m) continue;
    const v = whole(value);
    if (v === null) errors[m[1]!] = [msg("paper.errors.negative")];
    else votes[m[1]!] = v;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, count: { ballotsCast: ballotsCast!, invalid: invalid!, votes } };
}
