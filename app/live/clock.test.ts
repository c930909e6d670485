import { describe, expect, it } from "vitest";
import { estimateOffset, measureOffset } from "./clock";

describe("server clock estimate", () => {
  it("uses the tightest round trip and half its delay", () => {
    // Local clock 5 s behind the server; replies take 10/40/20 ms each way-ish.
    const r = estimateOffset([
      { sent: 1000, serverTime: 6020, received: 1040 },
      { sent: 2000, serverTime: 7005, received: 2010 },
      { sent: 3000, serverTime: 8030, received: 3060 },
    ]);
    expect(r).toEqual({ offset: 5000, maxErrorMs: 5 });
  });

  it("measures through a ping function with a skewed local clock", async () => {
    let t = 0;
    const now = () => t;
    const ping = async () => {
      t += 7; // request travels 7 ms
      const server = t + 123_456; // the server is 123.456 s ahead
      t += 9; // reply travels 9 ms
      return server;
    };
    const r = await measureOffset(ping, now, 3);
    expect(Math.abs(r!.offset - 123_456)).toBeLessThanOrEqual(r!.maxErrorMs);
  });

  it("gives up without samples", async () => {
    expect(await measureOffset(() => Promise.reject(new Error("offline")))).toBeNull();
  });
});
