/**
 * JSON in the tablet's localStorage (the judge's drafts and waiting sheet). Storage may be
 * unavailable (private mode, quota): reads then find nothing and writes are skipped, so a score
 * still goes out while online.
 */
export function readJson<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Writes `value` under `key`; null removes it. */
export function writeJson(key: string, value: unknown) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: the score still goes out while online
  }
}
