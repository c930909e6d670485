/**
 * The one CSV writer of the app, for files people open in Excel or WPS: UTF-8 with a BOM, CRLF
 * line ends, values with a comma, a quote or a line break quoted. A cell that a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a CR) is prefixed with ' and quoted,
 * whatever follows it, line breaks included (OWASP "CSV injection"). Numbers stay numbers.
 */
import Papa from "papaparse";

type CsvCell = string | number | bigint | boolean | null | undefined;

/** papaparse's own `escapeFormulae: true` stops at the first line break (`/^[=+\-@\t\r].*$/`). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((row) => row.map((c) => c ?? "")) },
    { escapeFormulae: FORMULA_START, newline: "\r\n" },
  );
  return `\uFEFF${body}\r\n`;
}
