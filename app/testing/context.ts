/** Test helpers: a real load context (real database, real session storage and limiters). */
import type { AppLoadContext } from "@remix-run/node";
import type { DbHandle } from "../../db/client";
import { parseConfig } from "../env.server";
import { createAuthStorage } from "../server/auth.server";
import { createLimiters } from "../server/rate-limit.server";
import { silentBroadcaster } from "../services/broadcaster.server";
import { MemorySmsSender } from "../services/sms.server";
import type { Services } from "../services.server";

export function makeServices(handle: DbHandle): Services {
  return {
    config: parseConfig({ NODE_ENV: "test", DATA_DIR: "./tmp/test-data" }),
    db: handle.db,
    dbDriver: handle.driver,
    dbHandle: handle,
    auth: createAuthStorage({ secret: "test-secret-test-secret-test-secret-0123", secure: false }),
    limiters: createLimiters(),
    realtime: {
      adapter: "memory",
      publish: () => {},
      disconnectUser: () => {},
      disconnectSession: () => {},
    },
    broadcaster: silentBroadcaster,
    sms: new MemorySmsSender(),
  };
}

export function makeContext(services: Services, clientIp = "203.0.113.7"): AppLoadContext {
  return { services, cspNonce: "test", clientIp };
}
