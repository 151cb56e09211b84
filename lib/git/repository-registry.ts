import type { Redis } from "ioredis";
import { KEY_PREFIX } from "../queue";

/** The repositories git jobs have had checkouts in: where the sweep looks for what gone jobs left. */
const REPOSITORIES_KEY = `${KEY_PREFIX}:git-repositories`;

export async function registerRepository(redis: Redis, root: string): Promise<void> {
  await redis.sadd(REPOSITORIES_KEY, root);
}

export async function registeredRepositories(redis: Redis): Promise<string[]> {
  return redis.smembers(REPOSITORIES_KEY);
}

export async function forgetRepository(redis: Redis, root: string): Promise<void> {
  await redis.srem(REPOSITORIES_KEY, root);
}
