import { afterAll, describe, expect, it } from "vitest";
import { appendJobEntries, readJobEvents } from "@/lib/job-events";
import { newJobId } from "@/lib/job-id";
import { createRedisConnection } from "@/lib/redis";

const redis = createRedisConnection({ name: "test-events", failFast: true });

afterAll(() => {
  redis.disconnect();
});

describe("appendJobEntries", () => {
  it("lands a batch once, however often it is retried (a reply lost with the connection)", async () => {
    const jobId = newJobId();
    const batch = [
      { id: "1000-0", field: "line" as const, value: "one" },
      { id: "1000-1", field: "line" as const, value: "two" },
    ];
    await appendJobEntries(redis, jobId, batch);
    await appendJobEntries(redis, jobId, [...batch, { id: "1000-2", field: "end" as const, value: "1" }]);
    const entries = await readJobEvents(redis, jobId, "0", { count: 10 });
    expect(entries).toEqual([
      { cursor: "1000-0", kind: "line", line: "one" },
      { cursor: "1000-1", kind: "line", line: "two" },
      { cursor: "1000-2", kind: "end" },
    ]);
  });
});
