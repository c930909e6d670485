/**
 * Sending text messages, behind one small interface so a real provider plugs in without
 * touching the voting code. Chosen by SMS_DRIVER:
 * - `console` (default): writes the message to the server log with the phone masked, for
 *   development and trials (whoever reads the server log sees the codes);
 * - `memory`: keeps the messages in memory (tests read them from `services.sms.sent`).
 * A real provider (阿里云短信, 腾讯云短信, …) is another class implementing SmsSender, added to
 * createSmsSender with its own env settings; see README "SMS codes".
 */
import { maskPhone } from "../domain/registry";

export interface SmsSender {
  readonly driver: string;
  /** Sends `text` to the mainland mobile number `phone` (11 digits). */
  send(phone: string, text: string): Promise<void>;
}

export const SMS_DRIVERS = ["console", "memory"] as const;
export type SmsDriver = (typeof SMS_DRIVERS)[number];

class ConsoleSmsSender implements SmsSender {
  readonly driver = "console";
  constructor(private log: (line: string) => void = (line) => console.log(line)) {}
  async send(phone: string, text: string) {
    this.log(`[sms:console] to ${maskPhone(phone)}: ${text}`);
  }
}

export class MemorySmsSender implements SmsSender {
  readonly driver = "memory";
  readonly sent: Array<{ phone: string; text: string; at: Date }> = [];
  async send(phone: string, text: string) {
    this.sent.push({ phone, text, at: new Date() });
  }
  /** The last message sent to `phone`, if any. */
  lastTo(phone: string) {
    return this.sent.filter((m) => m.phone === phone).at(-1);
  }
}

export function createSmsSender(driver: SmsDriver, log?: (line: string) => void): SmsSender {
  switch (driver) {
    case "memory":
      return new MemorySmsSender();
    case "console":
      return new ConsoleSmsSender(log);
  }
}
