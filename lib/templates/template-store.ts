import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import { digest } from "../config";
import { newJobId } from "../job-id";
import { KEY_PREFIX } from "../queue";
import { type StoredTemplate, storedTemplateSchema, type TemplateInput } from "./template-schemas";

const TEMPLATES_KEY = `${KEY_PREFIX}:templates`;

export async function readTemplates(redis: Redis): Promise<StoredTemplate[]> {
  return Object.values(await redis.hgetall(TEMPLATES_KEY))
    .flatMap((value) => {
      const parsed = storedTemplateSchema.safeParse(JSON.parse(value));
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

export async function readTemplate(redis: Redis, id: string): Promise<StoredTemplate | undefined> {
  const value = await redis.hget(TEMPLATES_KEY, id);
  return value === null ? undefined : storedTemplateSchema.safeParse(JSON.parse(value)).data;
}

/** Saves a template with a new trigger token, and hands the token back once. */
export async function createTemplate(
  redis: Redis,
  input: TemplateInput,
): Promise<{ template: StoredTemplate; token: string }> {
  const token = `ccwt_${randomBytes(32).toString("hex")}`;
  const template: StoredTemplate = {
    id: `t${newJobId()}`,
    name: input.name,
    spec: input.spec,
    createdAt: Date.now(),
    tokenDigest: digest(token),
  };
  await redis.hset(TEMPLATES_KEY, template.id, JSON.stringify(template));
  return { template, token };
}

export async function removeTemplate(redis: Redis, id: string): Promise<boolean> {
  return (await redis.hdel(TEMPLATES_KEY, id)) === 1;
}

/** Whether `token` is this template's trigger token (compared as digests, in constant time). */
export function isTemplateToken(template: StoredTemplate, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(digest(token));
  const expected = Buffer.from(template.tokenDigest);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
