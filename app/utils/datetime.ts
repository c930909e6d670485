/**
 * Times are stored as instants (timestamptz) and shown in China Standard Time. China has no
 * daylight saving, so a datetime-local value is read at a fixed +08:00.
 */
export const TIME_ZONE = "Asia/Shanghai";

const full = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

type DateLike = Date | string | null | undefined;
const toDate = (d: DateLike) => (d == null ? null : d instanceof Date ? d : new Date(d));

/** "2026/12/10 17:59" in Beijing time; "—" for none. */
export function formatDateTime(d: DateLike) {
  const date = toDate(d);
  return date ? full.format(date) : "—";
}

export function formatDate(d: DateLike) {
  const date = toDate(d);
  return date ? dateOnly.format(date) : "—";
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
