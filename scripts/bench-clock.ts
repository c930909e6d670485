/**
 * npm run bench:clock — how far a countdown on a tablet or the big screen can drift from the
 * server. Starts the real server, connects N socket.io clients whose local clocks are skewed by
 * up to ±10 minutes, lets each estimate the server clock the way the pages do
 * (app/live/clock.ts over "time:sync"), and prints the error of the estimate.
 *   CLIENTS=50 ROUNDS=5 npm run bench:clock
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { io } from "socket.io-client";
import { parseConfig } from "../app/env.server";
import { measureOffset } from "../app/live/clock";
import { startServer } from "../app/server/start.server";

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-bench-clock-"));
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const server = await startServer({
  config: parseConfig({
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: "never",
  }),
  build,
  log: () => {},
});

const errors: number[] = [];
const bounds: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const skew = Math.round((Math.random() * 2 - 1) * 600_000);
        const socket = io(server.url, { transports: ["websocket"] });
        await new Promise<void>((r) => socket.once("connect", () => r()));
        const now = () => Date.now() + skew;
        const result = await measureOffset(
          async () => (await socket.timeout(2000).emitWithAck("time:sync")).serverTime,
          now,
        );
        socket.disconnect();
        if (!result) throw new Error("no estimate");
        // True offset (server − local) is −skew: the server and the "tablet" share a machine.
        errors.push(Math.abs(result.offset + skew));
        bounds.push(result.maxErrorMs);
      }),
    );
  }
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(
  `clock estimate over ${errors.length} clients (${CLIENTS} concurrent × ${ROUNDS} rounds), skew up to ±600 s`,
);
console.log(
  `error  p50 ${q(errors, 0.5).toFixed(1)} ms   p95 ${q(errors, 0.95).toFixed(1)} ms   max ${Math.max(...errors).toFixed(1)} ms`,
);
console.log(
  `bound (half the best round trip)  p95 ${q(bounds, 0.95).toFixed(1)} ms   max ${Math.max(...bounds).toFixed(1)} ms`,
);
console.log(Math.max(...errors) < 100 ? "OK: drift under 100 ms" : "WARNING: drift over 100 ms");
