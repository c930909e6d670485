import { describe, expect, it } from "vitest";
import { needsToCsv, parseNeedsCsv } from "./needs-csv";

describe("needs CSV", () => {
  it("reads Chinese headers and labels, with defaults", () => {
    const csv =
      '\uFEFF社区,标题,描述,来源,提出人数,状态\n春和社区,楼道堆物,"多栋楼道堆放杂物,有隐患",网格员,53,待解决\n,门禁损坏,,12345 热线,,\n';
    const { rows, errors } = parseNeedsCsv(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        community: "春和社区",
        title: "楼道堆物",
        description: "多栋楼道堆放杂物,有隐患",
        source: "grid",
        raisedCount: 53,
        status: "open",
      },
      {
        community: "",
        title: "门禁损坏",
        description: "",
        source: "hotline",
        raisedCount: 1,
        status: "open",
      },
    ]);
  });

  it("names the line and column of every bad row", () => {
    const csv =
      "标题,来源,提出人数,状态\n,走访,3,待解决\n照明,飞鸽传书,3,待解决\n照明,走访,-2,待解决\n照明,走访,2,搁置\n好的,走访,2,已解决\n";
    const { rows, errors } = parseNeedsCsv(csv);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { line: 2, column: "标题", message: "needs.csv.titleRequired" },
      { line: 3, column: "来源", message: "needs.csv.badSource" },
      { line: 4, column: "提出人数", message: "needs.csv.badCount" },
      { line: 5, column: "状态", message: "needs.csv.badStatus" },
    ]);
  });

  it("refuses a file without a title column", () => {
    expect(parseNeedsCsv("name,count\nx,1\n").errors).toEqual([
      { line: 1, message: "needs.csv.missingTitleColumn" },
    ]);
  });

  it("round-trips its own export", () => {
    const needs = [
      {
        community: "杏园社区",
        title: "老年助餐",
        description: '独居老人, "助餐"',
        source: "visit" as const,
        raisedCount: 64,
        status: "in_proposal" as const,
      },
    ];
    const csv = needsToCsv(needs);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(parseNeedsCsv(csv)).toEqual({ rows: needs, errors: [] });
  });
});
