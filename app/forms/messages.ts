/**
 * Validation messages travel as i18n keys (optionally with values) from zod on the server to
 * the UI, which translates them: "errors.tooLong|{"max":64}".
 */
import type { ParseKeys, TFunction } from "i18next";

/** Every translation key (from app/i18n/zh-CN.ts): a typo in a key fails `tsc`. */
export type MessageKey = ParseKeys<"translation">;

export function msg(key: MessageKey, values?: Record<string, string | number>) {
  return values ? `${key}|${JSON.stringify(values)}` : key;
}

/** The message in the reader's language; `defaults` fills values the message does not carry. */
export function translateMessage(
  t: TFunction,
  message: string,
  defaults: Record<string, unknown> = {},
): string {
  const bar = message.indexOf("|");
  const key = bar === -1 ? message : message.slice(0, bar);
  let values: Record<string, unknown> = {};
  if (bar !== -1) {
    try {
      values = JSON.parse(message.slice(bar + 1)) as Record<string, unknown>;
    } catch {
      values = {};
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys come from our own schemas
  return (t as any)(key, { ...defaults, ...values, defaultValue: key }) as string;
}
