import "server-only";
import { Redis } from "ioredis";
import { getConfig } from "./config";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface RedisConnectionOptions {
  /** Shown in `CLIENT LIST`, so an operator can tell our connections apart. */
  name: string;
  /**
   * Blocking readers (BullMQ workers, XREAD BLOCK) must wait through an outage (null: retry forever);
   * request/response callers should fail fast so a page can say Redis is down.
   */
  failFast: boolean;
  url?: string;
}

export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const url = options.url ?? getConfig().redisUrl ?? DEFAULT_REDIS_URL;
  const connection = new Redis(url, {
    connectionName: `ccw:${options.name}`,
    maxRetriesPerRequest: options.failFast ? 1 : null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // ioredis retries by itself; say so once per outage instead of once per attempt.
  let down = false;
  connection.on("error", (error: Error) => {
    if (down) return;
    down = true;
    console.error(`redis (${options.name}): ${error.message}; reconnecting`);
  });
  connection.on("ready", () => {
    if (!down) return;
    down = false;
    console.error(`redis (${options.name}): reconnected`);
  });
  return connection;
}
