/**
 * The needs list (需求清单) as CSV, pure: Chinese headers and labels, so the street's own
 * spreadsheets import as they are. Exports go through the app's one CSV writer (csv.ts).
 */
import Papa from "papaparse";
import { toCsv } from "./csv";
import { NEED_SOURCES, NEED_STATUSES, type NeedSource, type NeedStatus } from "./enums";

const SOURCE_LABELS: Record<NeedSource, string> = {
  council: "议事会",
  visit: "走访",
  online: "线上征集",
  hotline: "12345热线",
  grid: "网格员",
  other: "其他",
};

const STATUS_LABELS: Record<NeedStatus, string> = {
  open: "待解决",
  in_proposal: "已立项",
  resolved: "已解决",
};

/** The largest needs CSV an import takes. */
export const MAX_NEEDS_CSV_BYTES = 2 * 1024 * 1024;

const HEADERS = {
  community: "社区",
  title: "标题",
  description: "描述",
  source: "来源",
  raised: "提出人数",
  status: "状态",
};

interface NeedCsvRow {
  community: string;
  title: string;
  description: string;
  source: NeedSource;
  raisedCount: number;
  status: NeedStatus;
}

export interface NeedCsvError {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  /** An i18n key. */
  message: string;
  column?: string;
}

function lookup<T extends string>(
  labels: Record<T, string>,
  keys: readonly T[],
  raw: string,
): T | null {
  const value = raw.trim().replace(/\s/g, "");
  if (value === "") return null;
  for (const k of keys) {
    if (k === value || labels[k].replace(/\s/g, "") === value) return k;
  }
  // "12345 热线", "热线" and friends.
  if (value.includes("12345") || value.includes("热线"))
    return (keys as readonly string[]).includes("hotline") ? ("hotline" as T) : null;
  return null;
}

/**
 * What makes two needs of one community the same need: the same title, ignoring spaces,
 * full-width/half-width forms and letter case. Importing a file again skips such rows.
 */
export function needTitleKey(title: string) {
  return title.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export function parseNeedsCsv(text: string): { rows: NeedCsvRow[]; errors: NeedCsvError[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const errors: NeedCsvError[] = [];
  const rows: NeedCsvRow[] = [];
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes(HEADERS.title)) {
    return { rows, errors: [{ line: 1, message: "needs.csv.missingTitleColumn" }] };
  }
  for (const e of parsed.errors) {
    if (e.type !== "FieldMismatch")
      errors.push({ line: (e.row ?? 0) + 2, message: "needs.csv.malformed" });
  }
  parsed.data.forEach((record, i) => {
    const line = i + 2;
    const title = (record[HEADERS.title] ?? "").trim();
    if (!title) {
      errors.push({ line, column: HEADERS.title, message: "needs.csv.titleRequired" });
      return;
    }
    if (title.length > 200) {
      errors.push({ line, column: HEADERS.title, message: "needs.csv.titleTooLong" });
      return;
    }
    const rawSource = record[HEADERS.source] ?? "";
    const source =
      lookup(SOURCE_LABELS, NEED_SOURCES, rawSource) ?? (rawSource.trim() ? null : "other");
    if (!source) {
      errors.push({ line, column: HEADERS.source, message: "needs.csv.badSource" });
      return;
    }
    const rawStatus = record[HEADERS.status] ?? "";
    const status =
      lookup(STATUS_LABELS, NEED_STATUSES, rawStatus) ?? (rawStatus.trim() ? null : "open");
    if (!status) {
      errors.push({ line, column: HEADERS.status, message: "needs.csv.badStatus" });
      return;
    }
    const rawCount = (record[HEADERS.raised] ?? "").normalize("NFKC").trim();
    const raisedCount = rawCount === "" ? 1 : Number(rawCount);
    if (!Number.isInteger(raisedCount) || raisedCount < 0 || raisedCount > 1_000_000) {
      errors.push({ line, column: HEADERS.raised, message: "needs.csv.badCount" });
      return;
    }
    rows.push({
      community: (record[HEADERS.community] ?? "").trim(),
      title,
      description: (record[HEADERS.description] ?? "").trim().slice(0, 5000),
      source,
      raisedCount,
      status,
    });
  });
  return { rows, errors };
}

export function needsToCsv(
  needs: Array<{
    community: string;
    title: string;
    description: string;
    source: NeedSource;
    raisedCount: number;
    status: NeedStatus;
  }>,
): string {
  return toCsv(
    [
      HEADERS.community,
      HEADERS.title,
      HEADERS.description,
      HEADERS.source,
      HEADERS.raised,
      HEADERS.status,
    ],
    needs.map((n) => [
      n.community,
      n.title,
      n.description,
      SOURCE_LABELS[n.source],
      n.raisedCount,
      STATUS_LABELS[n.status],
    ]),
  );
}
