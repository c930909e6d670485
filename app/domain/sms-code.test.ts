import { describe, expect, it } from "vitest";
import {
  SMS_CODE_MAX_ATTEMPTS,
  SMS_CODE_TTL_MS,
  checkSmsCode,
  generateSmsCode,
  isSmsCodeFormat,
  normaliseSmsCode,
  smsCodeText,
} from "./sms-code";

describe("SMS codes", () => {
  it("are six digits, zero-padded, from the whole range", () => {
    expect(generateSmsCode(() => 42)).toBe("000042");
    expect(generateSmsCode(() => 999_999)).toBe("999999");
    let asked = 0;
    generateSmsCode((max) => {
      asked = max;
      return 0;
    });
    expect(asked).toBe(1_000_000);
  });

  it("accept what people type: full-width digits, spaces, dashes", () => {
    expect(normaliseSmsCode("１２３ 456")).toBe("123456");
    expect(isSmsCodeFormat("123-456")).toBe(true);
    expect(isSmsCodeFormat("12345")).toBe(false);
    expect(isSmsCodeFormat("12345a")).toBe(false);
  });

  it("pass only when right, in time and with tries left", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    const fresh = { expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS), attempts: 0 };
    expect(checkSmsCode(fresh, true, now)).toBe("ok");
    expect(checkSmsCode(fresh, false, now)).toBe("wrong");
    expect(checkSmsCode(undefined, true, now)).toBe("none");
    expect(checkSmsCode({ ...fresh, expiresAt: now }, true, now)).toBe("expired");
    expect(checkSmsCode({ ...fresh, attempts: SMS_CODE_MAX_ATTEMPTS - 1 }, true, now)).toBe("ok");
    expect(checkSmsCode({ ...fresh, attempts: SMS_CODE_MAX_ATTEMPTS }, true, now)).toBe(
      "exhausted",
    );
  });

  it("the message carries the code and no name", () => {
    const text = smsCodeText("012345", "花山街道 2026");
    expect(text).toContain("012345");
    expect(text).toContain("10 分钟");
  });
});
