import { afterAll, inject } from "vitest";

// lib/config reads the environment once, on first use: point it at the test Redis before any test imports it.
process.env.REDIS_URL = inject("redisUrl");
// Automatic retries wait a second, not ten.
process.env.RETRY_BACKOFF_SECONDS = "1";

// Registered first, so it runs after the file's own hooks have stopped its workers. A job left unfinished would run
// in the next file's workers, with its DATA_DIR and its faults: the leak is named here, and cleared.
afterAll(async () => {
  // A file that ran a Redis of its own has stopped it: its jobs went with it.
  if (process.env.REDIS_URL !== inject("redisUrl")) return;
  const { closeJobQueue, getJobQueue } = await import("@/lib/queue");
  const queue = getJobQueue();
  const left = await queue.getJobs(["active", "waiting", "delayed", "prioritized", "waiting-children"]);
  if (left.length > 0) await queue.obliterate({ force: true });
  await closeJobQueue();
  if (left.length > 0)
    throw new Error(
      `this file left ${left.length} unfinished job(s) in the queue: ${left.map((job) => `${job.id} (${job.data.prompt})`).join(", ")}`,
    );
});
