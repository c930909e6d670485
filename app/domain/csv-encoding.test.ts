import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "./csv-encoding";
import { parseNeedsCsv } from "./needs-csv";
import { parseRegistryCsv } from "./registry-csv";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve("app/testing/fixtures", name)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeCsv", () => {
  it("reads UTF-8 with and without a BOM (the BOM is dropped)", () => {
    expect(decodeCsv(utf8("\uFEFF标题\n路灯\n"))).toEqual({
      text: "标题\n路灯\n",
      encoding: "UTF-8",
    });
    expect(decodeCsv(utf8("标题\n路灯\n"))).toEqual({ text: "标题\n路灯\n", encoding: "UTF-8" });
    expect(decodeCsv(utf8("title\nlamp\n")).encoding).toBe("UTF-8");
  });

  it("reads what Excel on a Chinese PC saves (GB18030/GBK)", () => {
    const { text, encoding } = decodeCsv(fixture("needs-gb18030.csv"));
    expect(encoding).toBe("GB18030");
    expect(text.split("\n")[0]).toBe("社区,标题,描述,来源,提出人数,状态");
    const { rows, errors } = parseNeedsCsv(text);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      community: "春和社区",
      title: "楼道声控灯常坏(GB18030 导入)",
      source: "visit",
      raisedCount: 12,
    });
    expect(rows.map((r) => r.source)).toContain("hotline");
  });

  it("reads a GB18030 resident registry", () => {
    const { rows, errors } = parseRegistryCsv(decodeCsv(fixture("registry-gb18030.csv")).text);
    expect(errors).toEqual([]);
    expect(rows[1]).toEqual({
      name: "龚德华",
      phone: "13900002222",
      community: "兰园社区",
      document: "420102195001011234",
    });
  });

  it("reads UTF-16 with a BOM (Excel's “Unicode text”)", () => {
    const le = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from("标题", (c) => c.charCodeAt(0)).buffer),
    ]);
    expect(decodeCsv(le)).toEqual({ text: "标题", encoding: "UTF-16LE" });
  });

  it("without decoding, the same file is refused for its header (the old bug)", () => {
    const misread = new TextDecoder("utf-8").decode(fixture("needs-gb18030.csv"));
    expect(parseNeedsCsv(misread).errors[0]?.message).toBe("needs.csv.missingTitleColumn");
  });
});
