import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests share one PostgreSQL server: each worker gets its own database
// (db/testing/global-setup.ts). Two workers fit this 2-core machine.
const INTEGRATION_WORKERS = Number(process.env.INTEGRATION_WORKERS ?? 2);

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "realtime/**/*.test.ts", "seeds/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["db/testing/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**"],
          environment: "node",
          globalSetup: ["db/testing/global-setup.ts"],
          setupFiles: ["db/testing/fail-on-console-error.ts"],
          pool: "forks",
          maxWorkers: INTEGRATION_WORKERS,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { INTEGRATION_WORKERS: String(INTEGRATION_WORKERS) },
        },
      },
    ],
  },
});
