/**
 * Times are stored as instants (timestamptz) and shown in China Standard Time. China has no
 * daylight saving, so a datetime-local value is read at a fixed +08:00.
 */
type DateLike = Date | string | null | undefined;
const toDate = (d: DateLike) => (d == null ? null : d instanceof Date ? d : new Date(d));

// Formatted by hand, not with Intl: the server's and the browser's ICU data may differ, and the
// text must be the same on both sides (hydration) and without JavaScript.
const pad = (n: number) => String(n).padStart(2, "0");
function beijingParts(date: Date) {
  const b = new Date(date.getTime() + 8 * 3600_000);
  return {
    date: `${b.getUTCFullYear()}/${pad(b.getUTCMonth() + 1)}/${pad(b.getUTCDate())}`,
    time: `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`,
    seconds: pad(b.getUTCSeconds()),
  };
}

/** "2026/12/10 17:59" in Beijing time; "—" for none. */
export function formatDateTime(d: DateLike) {
  const date = toDate(d);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = beijingParts(date);
  return `${p.date} ${p.time}`;
}

/** "2026/12/10 17:59:03" in Beijing time, for logs where seconds matter; "—" for none. */
export function formatDateTimeSeconds(d: DateLike) {
  const date = toDate(d);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = beijingParts(date);
  return `${p.date} ${p.time}:${p.seconds}`;
}

/** "17:59:03" in Beijing time (the same in every language); "—" for none. */
export function formatTime(d: DateLike) {
  const date = toDate(d);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = beijingParts(date);
  return `${p.time}:${p.seconds}`;
}

export function formatDate(d: DateLike) {
  const date = toDate(d);
  if (!date || Number.isNaN(date.getTime())) return "—";
  return beijingParts(date).date;
}

/** An instant → the value of an <input type="datetime-local"> in Beijing time. */
export function toLocalInput(d: DateLike): string {
  const date = toDate(d);
  if (!date) return "";
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}

/** "2026-12-10T17:59" (Beijing time) → the instant; null when not a valid value. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
