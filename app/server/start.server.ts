/**
 * Starts Roadshow: one HTTP server serving the Remix app, its static assets and socket.io on
 * one port. Used by server.ts (dev and production) and by integration tests, which start it on
 * their own database and a free port.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { createDb, type DbHandle } from "../../db/client";
import { describeError } from "../../db/log-safe";
import { runMigrations } from "../../db/migrate";
import { LiveBroadcaster } from "../../realtime/live-broadcaster";
import { registerLiveHandlers } from "../../realtime/live-handlers";
import { connectRedis, type RedisLink } from "../../realtime/redis";
import { attachRealtime, type Realtime } from "../../realtime/server";
import {
  existingDemoAccounts,
  formatDemoAccounts,
  isDatabaseEmpty,
  seedDemo,
} from "../../seeds/seed";
import { shouldSeedDemo, type Config } from "../env.server";
import { sealAuditLog } from "../models/audit.server";
import { flushBallots, registerBallotKey } from "../models/ballot-box.server";
import { silentBroadcaster } from "../services/broadcaster.server";
import { createSmsSender } from "../services/sms.server";
import type { Services } from "../services.server";
import { createAuthStorage, currentSessionKey, getUser } from "./auth.server";
import { bodyLimits, handshakeRefused, remixHandler, sameOriginOnly } from "./http-guards.server";
import { createLimiters } from "./rate-limit.server";
import { loadOrCreateSessionSecret } from "./secret.server";
import { voteApi } from "./vote-api.server";

interface StartOptions {
  config: Config;
  /** The Remix server build, or a getter (dev mode re-imports it after each rebuild). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Directory of the static files (public/). */
  publicDir?: string;
  /** Stream name for the Redis adapter (tests isolate theirs). */
  redisStreamName?: string;
  log?: (line: string) => void;
  /** Seal the audit chain every this many ms (0 = never; tests seal by hand). */
  auditSealIntervalMs?: number;
  /** A new embedded database starts from this dump (tests: migrated and seeded once). */
  pgliteSnapshot?: Blob;
  /** Move pending ballots into the ballot table every this many ms (0 = never). */
  ballotFlushIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  realtime: Realtime;
  httpServer: http.Server;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  fs.mkdirSync(config.dataDir, { recursive: true });

  const dbHandle = await createDb({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: path.join(config.dataDir, "pglite"),
    pgliteSnapshot: options.pgliteSnapshot,
    logQueries: config.logQueries,
  });
  let realtime: Realtime | undefined;
  let redis: RedisLink | undefined;
  try {
    await migrate(config, dbHandle);
    if (shouldSeedDemo(config) && (await isDatabaseEmpty(dbHandle.db))) {
      await seedDemo(dbHandle.db);
      log(formatDemoAccounts(await existingDemoAccounts(dbHandle.db)));
    }

    const secret = config.sessionSecret ?? loadOrCreateSessionSecret(config.dataDir);
    registerBallotKey(dbHandle.db, secret);
    // Ballots a crash left pending (cast, not yet moved into the ballot table) move now.
    await flushBallots(dbHandle.db, { log });
    // Never fatal: without Redis the instance starts degraded and catches up when it returns.
    redis = config.redisUrl ? await connectRedis(config.redisUrl, { log }) : undefined;
    const services: Services = {
      config,
      db: dbHandle.db,
      dbDriver: dbHandle.driver,
      dbHandle,
      auth: createAuthStorage({ secret, secure: config.cookieSecure }),
      limiters: createLimiters(redis?.client),
      // Replaced by the socket.io server below, before the first request.
      realtime: {
        adapter: "memory",
        publish: () => {},
        disconnectUser: () => {},
        disconnectSession: () => {},
      },
      broadcaster: silentBroadcaster,
      sms: createSmsSender(config.smsDriver, log),
    };

    const app = createExpressApp(options, services, dbHandle, redis);
    const httpServer = http.createServer(app);
    const authenticate = async (cookie: string | undefined) => {
      const request = new Request("http://localhost/", {
        headers: cookie ? { Cookie: cookie } : {},
      });
      const args = { request, context: { services, cspNonce: "", clientIp: "" } };
      const user = await getUser(args);
      const sessionKey = await currentSessionKey(args);
      return user
        ? {
            id: user.id,
            username: user.username,
            role: user.role,
            sessionKey: sessionKey ?? undefined,
          }
        : null;
    };
    realtime = await attachRealtime(httpServer, {
      redis,
      redisStreamName: options.redisStreamName,
      authenticate,
      refuseHandshake: (req) => handshakeRefused(req, config),
    });
    services.realtime = realtime;
    const rt = realtime;
    const link = redis;
    const broadcaster = new LiveBroadcaster(rt.io, dbHandle.db);
    registerLiveHandlers(rt.io, dbHandle.db, broadcaster, authenticate);
    services.broadcaster = broadcaster;

    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off("error", reject);
        resolve();
      });
    });
    const port = (httpServer.address() as AddressInfo).port;

    const sealEvery = options.auditSealIntervalMs ?? 1000;
    let sealing: Promise<unknown> = Promise.resolve();
    const sealer =
      sealEvery > 0
        ? setInterval(() => {
            sealing = sealAuditLog(dbHandle.db).catch((e: unknown) =>
              log(`[audit] seal failed: ${describeError(e)}`),
            );
          }, sealEvery)
        : undefined;
    sealer?.unref();

    const flushEvery = options.ballotFlushIntervalMs ?? 5000;
    let flushing: Promise<unknown> = Promise.resolve();
    const flusher =
      flushEvery > 0
        ? setInterval(() => {
            flushing = flushing.then(() =>
              flushBallots(dbHandle.db, { log }).catch((e: unknown) =>
                log(`[ballots] flush failed: ${describeError(e)}`),
              ),
            );
          }, flushEvery)
        : undefined;
    flusher?.unref();

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        if (sealer) clearInterval(sealer);
        if (flusher) clearInterval(flusher);
        // Stop accepting; finish in-flight requests; force-close stragglers after 10 s.
        const force = setTimeout(() => httpServer.closeAllConnections(), 10_000);
        force.unref();
        httpServer.closeIdleConnections();
        await broadcaster.close();
        await rt.close(); // disconnects sockets and closes the HTTP server
        clearTimeout(force);
        await sealing;
        await flushing;
        await sealAuditLog(dbHandle.db).catch(() => undefined);
        await link?.close();
        await dbHandle.close();
      })());

    return { url: `http://localhost:${port}`, port, services, realtime: rt, httpServer, close };
  } catch (error) {
    await realtime?.close().catch(() => undefined);
    await redis?.close();
    await dbHandle.close().catch(() => undefined);
    throw error;
  }
}

function createExpressApp(
  options: StartOptions,
  services: Services,
  dbHandle: DbHandle,
  redis: RedisLink | undefined,
) {
  const { config } = options;
  // Redis down is degraded, not down: the app still serves (limits in memory, realtime local).
  const helpers = () =>
    redis
      ? { realtime: redis.up ? "redis" : "redis-degraded", redis: redis.up ? "up" : "down" }
      : { realtime: services.realtime.adapter };
  const publicDir = options.publicDir ?? path.resolve("public");
  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy > 0) app.set("trust proxy", config.trustProxy);

  // Before anything reads a body: state changes only from our own pages, bodies capped.
  app.use(sameOriginOnly(config));
  app.use(bodyLimits());
  // The voting API comes next: the hottest path of the event needs none of what follows.
  app.use(voteApi(services));

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "script-src": [
            "'self'",
            (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`,
          ],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "connect-src": ["'self'", ...(config.env === "development" ? ["ws://localhost:*"] : [])],
          "frame-src": ["'self'"],
          "object-src": ["'self'"],
          "upgrade-insecure-requests": config.cookieSecure && config.isProduction ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    dbHandle
      .ping(2000)
      .then(() => {
        res
          .set("Cache-Control", "no-store")
          .json({ ok: true, db: services.dbDriver, ...helpers() });
      })
      .catch((error: unknown) => {
        res
          .status(503)
          .set("Cache-Control", "no-store")
          .json({
            ok: false,
            db: services.dbDriver,
            ...helpers(),
            error: error instanceof Error ? error.message : String(error),
          });
      });
  });

  // Fingerprinted Remix assets are immutable; the rest of public/ may change.
  app.use(
    "/build",
    express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(publicDir, { maxAge: "1h" }));

  app.all(
    "*",
    remixHandler({
      build: options.build,
      mode: config.env === "production" ? "production" : "development",
      getLoadContext: (req, res) => ({
        services,
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  // Express itself would print err.stack, a failed query's parameters with it.
  app.use(
    (error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const declared = (error as { status?: unknown } | null)?.status;
      const status =
        typeof declared === "number" && declared >= 400 && declared < 600 ? declared : 500;
      if (status >= 500) console.error("[http]", describeError(error));
      if (res.headersSent) return void res.end();
      res
        .status(status)
        .type("text")
        .send(status >= 500 ? "Internal Server Error" : "Bad Request");
    },
  );
  return app;
}

/**
 * Migrations run as the tables' owner: DATABASE_OWNER_URL when set (then DATABASE_URL is the app's
 * own role, which may only insert into audit_log — see README), else the app's connection.
 */
async function migrate(config: Config, dbHandle: DbHandle) {
  if (!config.databaseOwnerUrl || dbHandle.driver !== "postgres") return runMigrations(dbHandle);
  const owner = await createDb({ databaseUrl: config.databaseOwnerUrl, maxConnections: 1 });
  try {
    await runMigrations(owner);
  } finally {
    await owner.close();
  }
}
