/** Money is integer 分 everywhere; these only format it for people. */
const grouping = new Intl.NumberFormat("zh-CN", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** 123456789 分 → "1,234,567.89" (exact: no float division). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of 分: ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const whole = grouping.format(yuan).replace(/\.00$/, "");
  return `${negative ? "-" : ""}${whole}.${String(cents).padStart(2, "0")}`;
}
