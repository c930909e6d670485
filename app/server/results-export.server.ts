/** A result table (or several) as a file: CSV (UTF-8 with BOM, formulae escaped) or XLSX (exceljs). */
import ExcelJS from "exceljs";
import { toCsv } from "~/domain/csv";
import type { Table } from "../utils/results-tables";

export function tableToCsv(table: Table): string {
  const money = new Set(table.moneyColumns);
  const rows = table.rows.map((row) =>
    row.map((cell, i) =>
      cell === null ? "" : money.has(i) && typeof cell === "number" ? cell.toFixed(2) : cell,
    ),
  );
  return toCsv(table.header, rows);
}

export async function tableToXlsx(
  table: Table,
  meta: { title: string; hash: string },
): Promise<Buffer> {
  return tablesToXlsx([table], meta);
}

/** Several tables as the sheets of one workbook. */
export async function tablesToXlsx(
  tables: readonly Table[],
  meta: { title: string; hash: string },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Roadshow 社区路演";
  book.title = meta.title;
  book.description = `SHA-256 ${meta.hash}`;
  for (const table of tables) {
    const sheet = book.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((c) => (c === null ? undefined : c)));
    table.header.forEach((h, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.min(60, Math.max(8, [...h].length * 2 + 2));
      if (table.moneyColumns.includes(i)) column.numFmt = "#,##0.00";
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
