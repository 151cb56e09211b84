import { inject } from "vitest";

// lib/config reads the environment once, on first use: point it at the test Redis before any test imports it.
process.env.REDIS_URL = inject("redisUrl");
// Automatic retries wait a second, not ten.
process.env.RETRY_BACKOFF_SECONDS = "1";
