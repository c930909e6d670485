import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, shouldSeedDemo } from "./env.server";

describe("configuration", () => {
  it("defaults to embedded mode on port 3000", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: "./data",
      cookieSecure: false,
    });
    expect(shouldSeedDemo(c)).toBe(true);
  });

  it("requires SESSION_SECRET in production on a real PostgreSQL", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x" })).toThrow(
      ConfigError,
    );
    const c = parseConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/x",
      SESSION_SECRET: "s".repeat(40),
    });
    expect(c.cookieSecure).toBe(true);
  });

  it("never seeds demo accounts in production on PostgreSQL unless asked", () => {
    const base = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/x",
      SESSION_SECRET: "s".repeat(40),
    };
    expect(shouldSeedDemo(parseConfig(base))).toBe(false);
    expect(shouldSeedDemo(parseConfig({ ...base, SEED_DEMO: "always" }))).toBe(true);
    expect(shouldSeedDemo(parseConfig({ NODE_ENV: "production" }))).toBe(true);
    expect(shouldSeedDemo(parseConfig({ SEED_DEMO: "never" }))).toBe(false);
  });

  it("bounds the runs of equal shares' add1 (ALLOCATION_MAX_RUNS, at least 1)", () => {
    expect(parseConfig({}).allocationMaxRuns).toBe(10_000);
    expect(parseConfig({ ALLOCATION_MAX_RUNS: "50" }).allocationMaxRuns).toBe(50);
    expect(() => parseConfig({ ALLOCATION_MAX_RUNS: "0" })).toThrow(/ALLOCATION_MAX_RUNS/);
  });

  it("names every invalid variable", () => {
    expect(() => parseConfig({ PORT: "abc", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});

describe("SMS_DRIVER", () => {
  it("defaults to the console driver and refuses unknown drivers", () => {
    expect(parseConfig({}).smsDriver).toBe("console");
    expect(parseConfig({ SMS_DRIVER: "memory" }).smsDriver).toBe("memory");
    expect(() => parseConfig({ SMS_DRIVER: "carrier-pigeon" })).toThrow(/SMS_DRIVER/);
  });
});
