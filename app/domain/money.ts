/**
 * Money is integer 分 (fen) everywhere. People type 元 with up to two decimals; these parse and
 * format it exactly (string and BigInt arithmetic, never floating point).
 */

/** The largest amount we accept: 100 亿元. Keeps every sum far inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 1_000_000_000_000;

type MoneyError = "format" | "negative" | "tooPrecise" | "tooLarge";
type ParseResult<T> = { ok: true; value: T } | { ok: false; error: MoneyError };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^\d+(\.\d*)?$|^\.\d+$/;

function normalise(input: string) {
  // NFKC turns full-width digits, commas and dots (１２，３４５．６７) into ASCII.
  return input
    .normalize("NFKC")
    .replace(/[\s¥￥]/g, "")
    .replace(/元$/, "")
    .replace(/^RMB/i, "");
}

/** "12,345.67" → 1234567 分. Accepts thousands separators, full-width digits, ¥ and 元. */
export function parseYuan(input: string): ParseResult<number> {
  let s = normalise(input);
  if (s.startsWith("-")) return { ok: false, error: "negative" };
  if (s.startsWith("+")) s = s.slice(1);
  if (!(GROUPED.test(s) || PLAIN.test(s))) return { ok: false, error: "format" };
  s = s.replace(/,/g, "");
  const [whole = "", frac = ""] = s.split(".");
  if (frac.length > 2) return { ok: false, error: "tooPrecise" };
  const fen = BigInt(whole || "0") * 100n + BigInt(frac.padEnd(2, "0"));
  if (fen > BigInt(MAX_FEN)) return { ok: false, error: "tooLarge" };
  return { ok: true, value: Number(fen) };
}

const grouping = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 123456789 分 → "1,234,567.89" (exact: no float division). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of 分: ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${negative ? "-" : ""}${grouping.format(yuan)}.${String(cents).padStart(2, "0")}`;
}

/** For an input's value: "1234567.89", or "" for null. */
export function fenToInput(fen: number | null | undefined): string {
  return fen == null ? "" : formatYuan(fen);
}

/** Quantities (e.g. 120.5 平方米) as integer hundredths: "120.5" → 12050. */
export function parseQuantity(input: string): ParseResult<number> {
  const s = input.normalize("NFKC").replace(/[\s,]/g, "");
  if (s.startsWith("-")) return { ok: false, error: "negative" };
  if (!PLAIN.test(s)) return { ok: false, error: "format" };
  const [whole = "", frac = ""] = s.split(".");
  if (frac.length > 2) return { ok: false, error: "tooPrecise" };
  const value = BigInt(whole || "0") * 100n + BigInt(frac.padEnd(2, "0"));
  if (value > 1_000_000_000n) return { ok: false, error: "tooLarge" };
  return { ok: true, value: Number(value) };
}

/** 12050 → "120.5"; 300 → "3". */
export function formatQuantity(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** A decimal string from PostgreSQL numeric(12,2) ("120.50") → hundredths. */
export function quantityFromDecimal(decimal: string): number {
  const parsed = parseQuantity(decimal);
  if (!parsed.ok) throw new RangeError(`bad quantity ${decimal}`);
  return parsed.value;
}

/** Hundredths → the decimal string numeric(12,2) stores. */
export function quantityToDecimal(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/**
 * One budget line: quantity × unit price, rounded half up to the 分.
 * (q hundredths × p 分) / 100, exactly, with BigInt.
 */
export function lineTotalFen(quantityHundredths: number, unitPriceFen: number): number {
  const product = BigInt(quantityHundredths) * BigInt(unitPriceFen);
  return Number((product + 50n) / 100n);
}

export function sumFen(amounts: Iterable<number>): number {
  let total = 0n;
  for (const a of amounts) total += BigInt(a);
  return Number(total);
}
