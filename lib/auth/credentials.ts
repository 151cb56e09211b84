import "server-only";
import { timingSafeEqual } from "node:crypto";
import { type Config, digest } from "../config";

/** Whether the dashboard asks for a login at all: without a password or tokens (on 127.0.0.1 only), it is open. */
export function isAuthRequired(config: Config): boolean {
  return config.auth.passwordDigest !== undefined || config.auth.tokenDigests.length > 0;
}

export function isCorrectPassword(config: Config, password: string): boolean {
  const expected = config.auth.passwordDigest;
  return expected !== undefined && sameDigest(digest(password), expected);
}

/** The token of an `Authorization: Bearer <token>` header, if it has one of a plausible shape. */
export function bearerToken(authorization: string | null): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(authorization ?? "")?.[1];
}

/** Whether a token is one of API_TOKENS (compared as digests, in constant time). */
export function isConfiguredToken(config: Config, token: string): boolean {
  const given = digest(token);
  return config.auth.tokenDigests.some((expected) => sameDigest(given, expected));
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Whether a token is METRICS_TOKEN, which reads /metrics, /healthz and /readyz alone. */
export function isMetricsToken(config: Config, token: string): boolean {
  const expected = config.auth.metricsTokenDigest;
  return expected !== undefined && sameDigest(digest(token), expected);
}
