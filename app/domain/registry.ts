/** The resident registry, pure: normalising what people type, and masking what people see. */

function normaliseName(name: string) {
  return name.normalize("NFKC").replace(/\s+/g, "").replace(/[·•.]/g, "·");
}

/** Mainland mobile numbers: digits only, without +86 / 0086. */
export function normalisePhone(phone: string) {
  const digits = phone.normalize("NFKC").replace(/\D/g, "");
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, "");
}

function normaliseDocument(doc: string) {
  return doc.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** The string whose keyed hash identifies a resident in the registry. */
export function matchKey(input: { name: string; phone: string; document?: string }) {
  return [
    normaliseName(input.name),
    normalisePhone(input.phone),
    normaliseDocument(input.document ?? ""),
  ].join("|");
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜 */
export function maskName(name: string) {
  const chars = [...normaliseName(name)];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string) {
  const p = normalisePhone(phone);
  if (p.length < 7) return "*".repeat(p.length);
  return `${p.slice(0, 3)}${"*".repeat(p.length - 7)}${p.slice(-4)}`;
}

export function isMobile(phone: string) {
  return /^1\d{10}$/.test(normalisePhone(phone));
}
