import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Table } from "../utils/results-tables";
import { tableToCsv, tableToXlsx } from "./results-export.server";

const table: Table = {
  name: "资金分配",
  header: ["项目", "社区", "资助(元)", "说明"],
  rows: [
    ['=HYPERLINK("http://evil")', "兰园社区", 35000, "全额资助"],
    ["“童心童行”, 儿童友好空间", "白羊山社区", 0.5, null],
    ["橘园邻里节", "橘园社区", 100, "=1+1\n(第二行)"],
  ],
  moneyColumns: [2],
};

describe("result exports", () => {
  it("writes CSV for spreadsheets: BOM, CRLF, two-decimal money, quoted commas, no live formulae", () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith("\uFEFF项目,社区,资助(元),说明\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    // A cell starting with "=" is prefixed with a quote so a spreadsheet shows it as text.
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",兰园社区,35000.00,全额资助`);
    expect(lines[2]).toBe(`"“童心童行”, 儿童友好空间",白羊山社区,0.50,`);
    // A multi-line value is quoted, and escaped even though a line break follows the formula.
    expect(lines[3]).toBe(`橘园邻里节,橘园社区,100.00,"'=1+1\n(第二行)"`);
  });

  it("writes XLSX with a bold frozen header, number cells with a money format, and the hash", async () => {
    const buffer = await tableToXlsx(table, { title: "测试", hash: "abc123" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(buffer).buffer);
    expect(book.description).toBe("SHA-256 abc123");
    const sheet = book.getWorksheet("资金分配")!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getCell("C2").value).toBe(35000);
    expect(sheet.getColumn(3).numFmt).toBe("#,##0.00");
    // XLSX cells are typed: a text cell that looks like a formula stays text.
    expect(sheet.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("D3").value).toBeNull();
  });
});
