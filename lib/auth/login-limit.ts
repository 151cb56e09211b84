import "server-only";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";

/**
 * Failed logins allowed within the window, counted for the dashboard as a whole: a client's address cannot be
 * trusted here (X-Forwarded-For is whatever the client sends when no proxy sets it), and a per-address count an
 * attacker can reset by changing a header would limit nothing. The cost: a flood of wrong passwords locks out the
 * owner too, for the window's length.
 */
export const MAX_FAILED_LOGINS = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const KEY = `${KEY_PREFIX}:login-failures`;

/** Seconds until logins are accepted again, or 0 when they are now. */
export async function loginLockSeconds(redis: Redis): Promise<number> {
  const [failures, ttl] = await Promise.all([redis.get(KEY), redis.ttl(KEY)]);
  return Number(failures ?? 0) >= MAX_FAILED_LOGINS ? Math.max(1, ttl) : 0;
}

export async function recordFailedLogin(redis: Redis): Promise<void> {
  await redis.multi().incr(KEY).expire(KEY, LOGIN_WINDOW_SECONDS, "NX").exec();
}

export async function clearFailedLogins(redis: Redis): Promise<void> {
  await redis.del(KEY);
}
