/**
 * Configuration from the environment, checked by zod once at boot. Only `publicEnv` ever
 * reaches the browser.
 */
import { z } from "zod";
import { ADD1_MAX_RUNS } from "./domain/allocation/equal-shares";
import { SMS_DRIVERS, type SmsDriver } from "./services/sms.server";

const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Real PostgreSQL. Unset → embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional(),
  /** The tables' owner, for migrations; DATABASE_URL may then be the insert-only app role. */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_OWNER_URL must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /** socket.io Redis adapter and shared rate limits across instances. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// URL")
    .optional(),
  /** Demo data: auto (seed an empty database unless production on real PostgreSQL), always, never. */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  /** Secure cookies; defaults to on in production. Browsers accept them on http://localhost. */
  COOKIE_SECURE: boolish.optional(),
  /** Number of proxies in front of the app (for the client IP in rate limits). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  LOG_QUERIES: boolish.optional(),
  /** Public base URL used in QR codes, e.g. https://roadshow.example.cn */
  PUBLIC_URL: z.string().url().optional(),
  /** Equal shares: how many runs of the method add1 may make before the results tab refuses. */
  ALLOCATION_MAX_RUNS: z.coerce.number().int().min(1).default(ADD1_MAX_RUNS),
  /** Where one-time codes of the registry path go: console (the server log) or memory (tests). */
  SMS_DRIVER: z.enum(SMS_DRIVERS).default("console"),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Migrations run through this (the owner) when set; the app itself uses databaseUrl. */
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  /** Undefined → generated and kept in DATA_DIR (embedded mode). */
  sessionSecret: string | undefined;
  redisUrl: string | undefined;
  seedDemo: "auto" | "always" | "never";
  cookieSecure: boolean;
  trustProxy: number;
  logQueries: boolean;
  publicUrl: string | undefined;
  allocationMaxRuns: number;
  smsDriver: SmsDriver;
}

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  if (isProduction && env.DATABASE_URL && !env.SESSION_SECRET) {
    throw new ConfigError(
      "SESSION_SECRET is required in production on a real PostgreSQL (set 32+ random characters).",
    );
  }
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databaseOwnerUrl: env.DATABASE_OWNER_URL,
    dataDir: env.DATA_DIR,
    sessionSecret: env.SESSION_SECRET,
    redisUrl: env.REDIS_URL,
    seedDemo: env.SEED_DEMO,
    cookieSecure: env.COOKIE_SECURE ?? isProduction,
    trustProxy: env.TRUST_PROXY,
    logQueries: env.LOG_QUERIES ?? false,
    publicUrl: env.PUBLIC_URL,
    allocationMaxRuns: env.ALLOCATION_MAX_RUNS,
    smsDriver: env.SMS_DRIVER,
  };
}

/** Whether demo accounts and data may be created on an empty database. */
export function shouldSeedDemo(config: Config): boolean {
  if (config.seedDemo === "never") return false;
  if (config.seedDemo === "always") return true;
  return !(config.isProduction && config.databaseUrl);
}
