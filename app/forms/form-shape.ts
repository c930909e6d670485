/** The shape every form of ours has (shared by the server's form reader and the browser). */
/** No list in any form of ours is longer than this (the proposal's 100 budget lines are the most). */
const MAX_LIST_INDEX = 999;
export const MAX_FORM_FIELDS = 2000;
const MAX_NAME_LENGTH = 200;

type FormProblem = "badShape";

/** Why these field names cannot be a form of ours, or null. Pure. */
export function formNamesProblem(names: Iterable<string>): FormProblem | null {
  let count = 0;
  for (const name of names) {
    if (++count > MAX_FORM_FIELDS) return "badShape";
    if (name.length > MAX_NAME_LENGTH) return "badShape";
    for (const match of name.matchAll(/\[([^\]]*)\]/g)) {
      const index = match[1]!;
      if (!/^\d{1,4}$/.test(index) || Number(index) > MAX_LIST_INDEX) return "badShape";
    }
  }
  return null;
}

const NUL = /\0/g;

/** A string without the NUL characters PostgreSQL cannot store. */
export function withoutNul(value: string) {
  return value.includes("\0") ? value.replace(NUL, "") : value;
}
