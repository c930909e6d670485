/**
 * One-time codes sent by SMS on the registry path, pure: what a code looks like, how long it
 * lives, how many tries it allows, and what a typed code gets.
 */

const SMS_CODE_DIGITS = 6;
/** A code is valid for 10 minutes after it was sent. */
export const SMS_CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong tries before a code is dead (a new one must be requested). */
export const SMS_CODE_MAX_ATTEMPTS = 5;

/** A uniformly random 6-digit code ("000000"–"999999") from `randomInt(max)` (crypto.randomInt). */
export function generateSmsCode(randomInt: (max: number) => number): string {
  return String(randomInt(10 ** SMS_CODE_DIGITS)).padStart(SMS_CODE_DIGITS, "0");
}

/** What people type: full-width digits, spaces and dashes are accepted. */
export function normaliseSmsCode(typed: string): string {
  return typed.normalize("NFKC").replace(/[\s-]/g, "");
}

export function isSmsCodeFormat(typed: string): boolean {
  return new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`).test(normaliseSmsCode(typed));
}

type SmsCodeCheck = "ok" | "wrong" | "expired" | "exhausted" | "none";

/**
 * The verdict on a typed code against the stored one (`matches`: its keyed hash equals the
 * stored hash). A code past its time or out of tries never passes, even when right.
 */
export function checkSmsCode(
  stored: { expiresAt: Date; attempts: number } | undefined,
  matches: boolean,
  now: Date,
): SmsCodeCheck {
  if (!stored) return "none";
  if (stored.expiresAt.getTime() <= now.getTime()) return "expired";
  if (stored.attempts >= SMS_CODE_MAX_ATTEMPTS) return "exhausted";
  return matches ? "ok" : "wrong";
}

/** The text of the message (no name, nothing about the competition's results). */
export function smsCodeText(code: string, title: string): string {
  return `【社区路演】您的投票验证码是 ${code},10 分钟内有效,仅限本人使用,请勿告诉他人。(${title})`;
}
