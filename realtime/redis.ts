/**
 * Redis is a helper, never a single point of failure. One link per server process:
 *
 *   connectRedis ──▶ client (commands fail at once while Redis is away)
 *                     ├─ rate limiters: RateLimiterRedis, insured by RateLimiterMemory
 *                     └─ socket.io adapter: publishes; its readers are duplicates that wait
 *                        (offline queue, never give up) and resume when Redis returns
 *
 *   Redis up ──(connection lost)──▶ degraded: limiters count in memory, broadcasts reach this
 *      ▲                                instance's sockets only, /healthz says so
 *      └──────(reconnected, ≤ 2 s after Redis answers again)─────┘
 *
 * Startup never waits more than `readyTimeoutMs` for Redis: an instance starting while Redis is
 * down starts degraded and catches up when Redis comes back. Every command promise gets a
 * handler, so one that a library drops (the adapter's session SET, PUBLISH, SUBSCRIBE) cannot
 * end the process as an unhandled rejection; every client has an "error" listener.
 */
import { Redis, type RedisOptions } from "ioredis";

type SendCommand = Redis["sendCommand"];

/** Reconnect forever, at most every 2 s. */
const retryStrategy = (times: number) => Math.min(times * 100, 2000);

const noop = () => {};

/**
 * An ioredis client whose commands always carry a rejection handler (the caller still sees the
 * rejection when it awaits), and whose duplicates are readers that wait out an outage.
 */
class HelperRedis extends Redis {
  constructor(
    private url: string,
    options: RedisOptions,
    private onClient: (client: HelperRedis) => void,
  ) {
    super(url, options);
    onClient(this);
  }

  override sendCommand(...args: Parameters<SendCommand>): ReturnType<SendCommand> {
    const result = super.sendCommand(...args);
    if (result instanceof Promise) result.catch(noop);
    return result;
  }

  /** The socket.io adapter reads its stream and subscribes through duplicates. */
  override duplicate(override?: Partial<RedisOptions>) {
    return new HelperRedis(
      this.url,
      {
        ...this.options,
        // A blocking XREAD or a SUBSCRIBE waits in the offline queue until Redis is back
        // (failing fast here would make the adapter's read loop spin).
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
        commandTimeout: undefined,
        ...override,
      },
      this.onClient,
    );
  }
}

export interface RedisLink {
  /** For commands that must fail fast while Redis is away (rate limiters, publishing). */
  client: Redis;
  /** Whether the main connection is ready now. */
  readonly up: boolean;
  /** Closes every connection of the link, including the adapter's duplicates. */
  close(): Promise<void>;
}

interface RedisLinkOptions {
  log?: (line: string) => void;
  /** How long startup waits for a first connection before going on degraded. */
  readyTimeoutMs?: number;
}

export async function connectRedis(
  url: string,
  options: RedisLinkOptions = {},
): Promise<RedisLink> {
  const log = options.log ?? noop;
  const clients = new Set<HelperRedis>();
  let up = false;
  let closing = false;

  const client = new HelperRedis(
    url,
    {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2000,
      retryStrategy,
      lazyConnect: false,
    },
    (c) => {
      clients.add(c);
      c.on("error", noop);
    },
  );
  client.on("ready", () => {
    if (!up && !closing) log("[redis] connected: shared rate limits and cross-instance realtime");
    up = true;
  });
  client.on("close", () => {
    if (up && !closing)
      log("[redis] unreachable: rate limits in memory, realtime on this instance only");
    up = false;
  });

  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      log(`[redis] not reachable at start: starting degraded, retrying in the background`);
      resolve();
    }, readyTimeoutMs);
    client.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });

  return {
    client,
    get up() {
      return up;
    },
    close() {
      closing = true;
      // Readers may be inside a blocking XREAD: a QUIT would wait behind it.
      for (const c of clients) c.disconnect();
      return Promise.resolve();
    },
  };
}
