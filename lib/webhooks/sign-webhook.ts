import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-ccw-signature";
export const TIMESTAMP_HEADER = "x-ccw-timestamp";

/**
 * `sha256=` and the hex HMAC-SHA256, under the shared secret, of the delivery's timestamp (seconds), a dot and its
 * body: the timestamp is signed too, so an old delivery replayed later fails a receiver's age check.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver checks: the signature matches the body and the timestamp, and the timestamp is recent. Returns
 * why not, or undefined when the delivery is ours.
 */
export function webhookProblem(
  secret: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  { now = Date.now(), toleranceSeconds = 300 } = {},
): string | undefined {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isInteger(timestamp)) return "no timestamp header";
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return "the timestamp is too old or in the future";
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return "the signature does not match";
  return undefined;
}
