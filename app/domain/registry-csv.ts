/** The resident registry as CSV (姓名, 手机, 社区, 证件号), pure. */
import Papa from "papaparse";
import { isMobile } from "./registry";

/** The largest registry CSV an import takes (a street of ~50,000 residents). */
export const MAX_REGISTRY_CSV_BYTES = 5 * 1024 * 1024;

interface RegistryCsvRow {
  name: string;
  phone: string;
  community: string;
  document: string;
}

interface RegistryCsvError {
  line: number;
  message: string;
}

export function parseRegistryCsv(text: string): {
  rows: RegistryCsvRow[];
  errors: RegistryCsvError[];
} {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes("姓名") || !fields.includes("手机") || !fields.includes("社区")) {
    return { rows: [], errors: [{ line: 1, message: "registry.csv.headers" }] };
  }
  const rows: RegistryCsvRow[] = [];
  const errors: RegistryCsvError[] = [];
  parsed.data.forEach((r, i) => {
    const line = i + 2;
    const name = (r["姓名"] ?? "").trim();
    const phone = (r["手机"] ?? "").trim();
    const community = (r["社区"] ?? "").trim();
    if (!name) return errors.push({ line, message: "registry.csv.name" });
    if (!isMobile(phone)) return errors.push({ line, message: "registry.csv.phone" });
    if (!community) return errors.push({ line, message: "registry.csv.community" });
    rows.push({ name, phone, community, document: (r["证件号"] ?? "").trim() });
  });
  return { rows, errors };
}
