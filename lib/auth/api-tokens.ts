import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import { digest } from "../config";
import { KEY_PREFIX } from "../queue";

/** API tokens made in the dashboard, by id: their names and digests; the tokens themselves are shown once, never kept. */
const TOKENS_KEY = `${KEY_PREFIX}:api-tokens`;

const storedTokenSchema = z.object({ name: z.string(), digest: z.string(), createdAt: z.number() });

export const apiTokenNameSchema = z.strictObject({
  name: z
    .string({ error: "Name the token, for example after the script that will use it" })
    .trim()
    .min(1, { error: "Name the token, for example after the script that will use it" })
    .max(80, { error: "A token's name is at most 80 characters" }),
});

export const apiTokenIdSchema = z.string().regex(/^[0-9a-f]{16}$/, { error: "A token id is 16 hex digits" });

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: number;
}

/** Makes a token: the caller shows it once; only its digest is stored. */
export async function createApiToken(redis: Redis, name: string): Promise<{ id: string; token: string }> {
  const id = randomBytes(8).toString("hex");
  const token = `ccw_${randomBytes(32).toString("hex")}`;
  await redis.hset(TOKENS_KEY, id, JSON.stringify({ name, digest: digest(token), createdAt: Date.now() }));
  return { id, token };
}

export async function listApiTokens(redis: Redis): Promise<ApiTokenInfo[]> {
  return Object.entries(await redis.hgetall(TOKENS_KEY))
    .flatMap(([id, value]) => {
      const parsed = storedTokenSchema.safeParse(JSON.parse(value));
      return parsed.success ? [{ id, name: parsed.data.name, createdAt: parsed.data.createdAt }] : [];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Whether a token was revoked (false: there was no such token). */
export async function revokeApiToken(redis: Redis, id: string): Promise<boolean> {
  return (await redis.hdel(TOKENS_KEY, id)) === 1;
}

/** The name of `token` if it is one made in the dashboard and not revoked (compared as digests, in constant time). */
export async function storedApiTokenName(redis: Redis, token: string): Promise<string | undefined> {
  const given = Buffer.from(digest(token));
  for (const value of await redis.hvals(TOKENS_KEY)) {
    const stored = storedTokenSchema.safeParse(JSON.parse(value));
    if (!stored.success) continue;
    const expected = Buffer.from(stored.data.digest);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return stored.data.name;
  }
  return undefined;
}
