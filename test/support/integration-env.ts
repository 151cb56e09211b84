import { inject } from "vitest";

// lib/config reads the environment once, on first use: point it at the test Redis before any test imports it.
process.env.REDIS_URL = inject("redisUrl");
