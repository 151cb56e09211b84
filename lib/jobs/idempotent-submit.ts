import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { JobSpec } from "../job-spec";
import { getQueueRedis, KEY_PREFIX } from "../queue";
import { type SubmitResult, submitJob } from "./submit-job";

/** How long a key is remembered: a retry within a day gets the first answer. */
const KEPT_SECONDS = 24 * 3600;

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, {
  error: "An Idempotency-Key is 1 to 200 visible ASCII characters, like a UUID",
});

export type IdempotentSubmitResult =
  | (SubmitResult & { replayed?: boolean })
  | { ok: false; status: 409; error: string };

const keyOf = (key: string) => `${KEY_PREFIX}:idempotency:${createHash("sha256").update(key).digest("hex")}`;

/** The same request, however its JSON was written: the parsed spec with its keys in order, and the copies. */
function digestOf(spec: JobSpec, copies: number): string {
  const sorted = Object.fromEntries(Object.entries(spec).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256")
    .update(JSON.stringify({ spec: sorted, copies }))
    .digest("hex");
}

/**
 * Submits once per key: the same key with the same request within a day answers the first job (`replayed`), with
 * another request a 409 that says so. A submit the server refused (a bad directory, say) keeps no key, so the same
 * key can carry the corrected request.
 */
export async function submitJobIdempotently(
  key: string,
  spec: JobSpec,
  copies: number,
): Promise<IdempotentSubmitResult> {
  const redis = getQueueRedis();
  const stored = keyOf(key);
  const digest = digestOf(spec, copies);
  const claimed = await redis.set(stored, JSON.stringify({ digest }), "EX", KEPT_SECONDS, "NX");
  if (claimed === null) {
    const earlier = JSON.parse((await redis.get(stored)) ?? "{}") as {
      digest?: string;
      id?: string;
      ids?: string[];
    };
    if (earlier.digest !== digest)
      return {
        ok: false,
        status: 409,
        error:
          "This Idempotency-Key was used within the day for another request: send a new key for a new job, or the same request to get the job it made.",
      };
    if (!earlier.id)
      return {
        ok: false,
        status: 409,
        error: "A request with this Idempotency-Key is still being handled: try again in a moment.",
      };
    return { ok: true, id: earlier.id, ids: earlier.ids ?? [earlier.id], replayed: true };
  }
  let result: SubmitResult;
  try {
    result = await submitJob(spec, copies);
  } catch (error) {
    await redis.del(stored);
    throw error;
  }
  if (!result.ok) {
    await redis.del(stored);
    return result;
  }
  await redis.set(stored, JSON.stringify({ digest, id: result.id, ids: result.ids }), "EX", KEPT_SECONDS);
  return result;
}
