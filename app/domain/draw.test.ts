import { describe, expect, it } from "vitest";
import { drawOrder, newSeed } from "./draw";

describe("draw by lot", () => {
  it("is a permutation, reproducible from the seed, independent of input order", () => {
    const ids = [5, 3, 9, 1, 7, 11, 2];
    const a = drawOrder(ids, "202612180930");
    expect([...a].sort((x, y) => x - y)).toEqual([1, 2, 3, 5, 7, 9, 11]);
    expect(drawOrder([...ids].reverse(), "202612180930")).toEqual(a);
    expect(drawOrder(ids, "202612180931")).not.toEqual(a);
  });

  it("gives this exact order for this seed (published so anyone can check)", () => {
    // Pinned: a change of generator or algorithm would make published draws unverifiable.
    expect(drawOrder([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "123456789012")).toEqual([
      7, 1, 10, 8, 3, 6, 5, 9, 2, 4, 11,
    ]);
  });

  it("spreads every project over every position fairly over many seeds", () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const draws = 5500;
    // counts[id][position]: how often each project drew each slot (500 expected each).
    const counts = new Map(ids.map((id) => [id, ids.map(() => 0)]));
    for (let s = 0; s < draws; s++)
      drawOrder(ids, `seed-${s}`).forEach((id, position) => counts.get(id)![position]!++);
    for (const id of ids)
      for (const [position, count] of counts.get(id)!.entries())
        // ±100 is about 4.7 standard deviations (√(5500 · 1/11 · 10/11) ≈ 21.3).
        expect(count, `project ${id} at position ${position + 1}`).toBeGreaterThan(400);
    for (const id of ids) for (const count of counts.get(id)!) expect(count).toBeLessThan(600);
  });

  it("makes 12-digit seeds", () => {
    expect(newSeed(() => 7)).toBe("777777777777");
  });
});
