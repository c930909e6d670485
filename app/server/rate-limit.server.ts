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
   * Unknown ballot tokens per IP (page and API). Only failures count and they only slow the
   * failing requests down (see failureSlowdown): a valid card always votes, whoever shares its
   * address (a venue's Wi-Fi, a carrier NAT).
   */
  voteProbeByIp: RateLimiterAbstract;
  /**
   * Failed or refused registry checks per competition and phone number: the credential being
   * tried. Typos are common, guessing a 证件号 is not; this one refuses for a while.
   */
  registryByPhone: RateLimiterAbstract;
  /**
   * SMS codes requested per phone number (any competition), counted on every request whether
   * or not the details match the registry: one a minute…
   */
  smsByPhoneMinute: RateLimiterAbstract;
  /** …and five an hour. */
  smsByPhoneHour: RateLimiterAbstract;
  /** Failed or refused registry checks per IP: slowed down, never refused. */
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
    }),
    registryByPhone: make({
      keyPrefix: "rs_reg_phone",
      points: 8,
      duration: 15 * 60,
      blockDuration: 15 * 60,
    }),
    smsByPhoneMinute: make({ keyPrefix: "rs_sms_min", points: 1, duration: 60 }),
    smsByPhoneHour: make({ keyPrefix: "rs_sms_hour", points: 5, duration: 60 * 60 }),
    registryByIp: make({
      keyPrefix: "rs_reg_ip",
      points: 30,
      duration: 10 * 60,
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

/** Counts one use of `key`; returns the seconds to wait when none was left (not counted then). */
export async function consumeOrWait(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}

/** The longest a failing request is held back. */
const MAX_SLOWDOWN_MS = 2000;

/**
 * Counts one failure for `key` and, once it has used up its free failures, holds the failing
 * answer back (100 ms more per failure, at most MAX_SLOWDOWN_MS) and says so: slowing, never
 * locking. Only failing requests call this; a valid credential is never delayed.
 */
export async function failureSlowdown(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<{ slowed: boolean; retryAfter: number }> {
  let consumed: number;
  let msBeforeNext: number;
  try {
    const res = await limiter.consume(key);
    consumed = res.consumedPoints;
    msBeforeNext = res.msBeforeNext;
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    consumed = e.consumedPoints;
    msBeforeNext = e.msBeforeNext;
  }
  const over = consumed - limiter.points;
  if (over <= 0) return { slowed: false, retryAfter: 0 };
  await new Promise((r) => setTimeout(r, Math.min(MAX_SLOWDOWN_MS, 100 * over)));
  return { slowed: true, retryAfter: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}
