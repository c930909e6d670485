/**
 * Rate limits (rate-limiter-flexible): in memory for one instance, in Redis when REDIS_URL is
 * set so several instances share the counts. Redis is a helper: while it is away (or not ready
 * yet) every limiter counts in this instance's memory instead (insuranceLimiter), so a login or
 * a vote never fails because Redis did.
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type IRateLimiterOptions,
} from "rate-limiter-flexible";

export interface Limiters {
  /** Consecutive failed logins per username + IP. */
  loginByUserIp: RateLimiterAbstract;
  /** Failed logins per IP per day. */
  loginByIp: RateLimiterAbstract;
  /**
   * Unknown ballot tokens and failed registry checks per IP. Only failures count: a whole hall
   * of residents voting behind one venue Wi-Fi address must never be slowed down.
   */
  voteProbeByIp: RateLimiterAbstract;
  /** Failed registry checks per IP and phone number (typos are common; guessing is not). */
  registryByIpPhone: RateLimiterAbstract;
  /** Failed registry checks per IP, generous: a hall of residents shares one address. */
  registryByIp: RateLimiterAbstract;
  /** Objections filed per IP (every one counts: it is a public form). */
  objectionByIp: RateLimiterAbstract;
}

export function createLimiters(redisClient?: unknown): Limiters {
  const make = (opts: IRateLimiterOptions & { keyPrefix: string }) =>
    redisClient
      ? new RateLimiterRedis({
          ...opts,
          storeClient: redisClient,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(opts),
        })
      : new RateLimiterMemory(opts);
  return {
    loginByUserIp: make({
      keyPrefix: "rs_login_ui",
      points: 5,
      duration: 15 * 60,
      blockDuration: 15 * 60,
    }),
    loginByIp: make({
      keyPrefix: "rs_login_ip",
      points: 100,
      duration: 24 * 60 * 60,
      blockDuration: 60 * 60,
    }),
    voteProbeByIp: make({
      keyPrefix: "rs_vote_probe",
      points: 30,
      duration: 10 * 60,
      blockDuration: 10 * 60,
    }),
    registryByIpPhone: make({
      keyPrefix: "rs_reg_phone",
      points: 5,
      duration: 10 * 60,
      blockDuration: 10 * 60,
    }),
    registryByIp: make({
      keyPrefix: "rs_reg_ip",
      points: 300,
      duration: 10 * 60,
      blockDuration: 10 * 60,
    }),
    objectionByIp: make({
      keyPrefix: "rs_objection_ip",
      points: 20,
      duration: 60 * 60,
      blockDuration: 60 * 60,
    }),
  };
}

/** Seconds until the key may try again, or 0 when it has failures left. */
export async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const res = await limiter.get(key);
  if (res && res.consumedPoints >= limiter.points)
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return 0;
}

/** Counts one failure; returns the seconds blocked when it used up the last allowed one. */
export async function recordFailure(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    const res = await limiter.consume(key);
    return res.remainingPoints <= 0 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.ceil(e.msBeforeNext / 1000);
    throw e;
  }
}
