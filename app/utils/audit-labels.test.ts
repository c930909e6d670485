import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_TYPES } from "~/domain/pitch-machine";
import en from "~/i18n/en";
import { createI18n } from "~/i18n/i18n";
import zhCN from "~/i18n/zh-CN";
import { actionLabel, actorLabel, subjectLabel } from "./audit-labels";
import { formatDateTime, formatDateTimeSeconds } from "./datetime";

const ROOTS = ["app", "seeds", "scripts", "realtime", "db"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** The values of a string-literal union or an object-literal list in a source file. */
function literalsIn(file: string, from: RegExp, to: RegExp, item: RegExp) {
  const text = fs.readFileSync(file, "utf8");
  const start = text.search(from);
  expect(start, `${from} in ${file}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start);
  const block = rest.slice(0, rest.search(to));
  return [...block.matchAll(item)].map((m) => m[1]!);
}

/** Codes a template literal like `live.${command.type}` can produce. */
const TEMPLATE_EXPANSIONS: Record<string, () => string[]> = {
  live: () => [...COMMAND_TYPES],
  proposal: () =>
    literalsIn("app/domain/proposal-flow.ts", /export type ProposalAction =/, /;\n/, /"(\w+)"/g),
};

/** Every audit action code the code base writes: `action: "…"`, ternaries and templates. */
function actionCodesInSource() {
  const codes = new Set<string>();
  const unexpanded: string[] = [];
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\baction:\s*([^,\n]+(?:\n\s*\?[^,\n]+)?)/g)) {
      const expr = m[1]!;
      const template = /`([a-z]+)\.\$\{([^}]*)\}`/.exec(expr);
      if (template) {
        // `proposal.${to === "resubmitted" ? "resubmit" : "submit"}`: the branches, not the test.
        const branches = template[2]!.includes("?") ? template[2]!.split("?")[1]! : template[2]!;
        const inner = [...branches.matchAll(/"(\w+)"/g)].map((x) => x[1]!);
        const expand = TEMPLATE_EXPANSIONS[template[1]!];
        if (inner.length) inner.forEach((x) => codes.add(`${template[1]}.${x}`));
        else if (expand) expand().forEach((x) => codes.add(`${template[1]}.${x}`));
        else unexpanded.push(`${file}: ${expr}`);
        continue;
      }
      for (const lit of expr.matchAll(/"([a-z]+(?:\.[a-zA-Z_]+)+)"/g)) codes.add(lit[1]!);
    }
  }
  return { codes: [...codes].sort(), unexpanded };
}

describe("audit words, not codes", () => {
  it("finds the codes the code base writes", () => {
    const { codes, unexpanded } = actionCodesInSource();
    expect(unexpanded).toEqual([]);
    // The scan sees the kinds of codes there are (a broken scan would find none).
    for (const c of ["auth.login", "proposal.accept", "live.openScoring", "score.revise"])
      expect(codes).toContain(c);
  });

  it("has a Chinese and an English label for every action code written anywhere", () => {
    const { codes } = actionCodesInSource();
    const zh = Object.keys(zhCN.audit.actions);
    const enKeys = Object.keys(en.audit.actions);
    expect(codes.filter((c) => !zh.includes(c))).toEqual([]);
    expect(codes.filter((c) => !enKeys.includes(c))).toEqual([]);
    const t = createI18n("zh-CN").t;
    for (const c of codes) expect(actionLabel(t, c)).not.toBe(c);
  });

  it("shows actors and subjects in words", () => {
    const t = createI18n("zh-CN").t;
    expect(actorLabel(t, "admin (street_admin)")).toBe("admin(街道管理员)");
    expect(actorLabel(t, "sec-chunhe (secretary)")).toBe("sec-chunhe(社区书记)");
    expect(actorLabel(t, "judge1 (judge)")).toBe("judge1(评委)");
    expect(actorLabel(t, "system")).toBe("系统");
    expect(actorLabel(t, "resident")).toBe("居民");
    expect(actorLabel(t, "ip ***")).toBe("来访地址 ***");
    expect(actionLabel(t, "proposal.accept")).toBe("审核通过");
    expect(actionLabel(t, "live.final.show")).toBe("大屏显示最终结果");
    expect(actionLabel(t, "something.new")).toBe("something.new");
    expect(subjectLabel(t, "proposal", "12")).toBe("微项目 #12");
    const tEn = createI18n("en").t;
    expect(actorLabel(tEn, "observer (observer)")).toBe("observer (Observer)");
  });

  it("formats Beijing time the same way everywhere", () => {
    const d = new Date("2026-12-01T16:05:09Z");
    expect(formatDateTime(d)).toBe("2026/12/02 00:05");
    expect(formatDateTimeSeconds(d)).toBe("2026/12/02 00:05:09");
    expect(formatDateTimeSeconds(null)).toBe("—");
  });
});
