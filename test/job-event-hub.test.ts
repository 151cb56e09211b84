import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { admitLogReader, followJobEvents } from "@/lib/job-event-hub";
import { appendJobEntries, type JobStreamEntry } from "@/lib/job-events";
import { newJobId } from "@/lib/job-id";
import { createRedisConnection } from "@/lib/redis";
import { waitUntil } from "./support/jobs";

const redis = createRedisConnection({ name: "test-hub", failFast: true });
/** No job here has a folder: their logs are in Redis alone. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-hub-test-"));

afterAll(() => {
  redis.disconnect();
});

const line = (n: number) => ({ id: `5000-${n}`, field: "line" as const, value: `line ${n}` });

/** Follows a job's log from `cursor`, collecting what arrives. */
async function follower(jobId: string, cursor = "0") {
  const seen: JobStreamEntry[] = [];
  const stop = await followJobEvents(
    redis,
    jobId,
    cursor,
    async (entries) => {
      seen.push(...entries);
    },
    { batch: 3, dataDir },
  );
  return { seen, stop, lines: () => seen.map((entry) => (entry.kind === "line" ? entry.line : "end")) };
}

describe("following a job's log through the hub", () => {
  it("replays what is there from the cursor, then what comes, each entry once and in order, while lines land", async () => {
    const jobId = newJobId();
    await appendJobEntries(redis, jobId, [1, 2, 3, 4, 5].map(line));
    // Lines keep landing while followers catch up: none is lost between their replay and the live part.
    const writing = (async () => {
      for (let n = 6; n <= 40; n++) {
        await appendJobEntries(redis, jobId, [line(n)]);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await appendJobEntries(redis, jobId, [{ id: "5000-41", field: "end", value: "1" }]);
    })();
    const fromStart = await follower(jobId);
    const fromMiddle = await follower(jobId, "5000-3");
    await writing;
    const all = [...Array.from({ length: 40 }, (_, n) => `line ${n + 1}`), "end"];
    await waitUntil(
      "both have every line",
      () => fromStart.seen.length === 41 && fromMiddle.seen.length === 38,
    );
    expect(fromStart.lines()).toEqual(all);
    expect(fromMiddle.lines()).toEqual(all.slice(3));
    fromStart.stop();
    fromMiddle.stop();
  });

  it("takes in a stream added while its reader waits on others, without waiting out that read", async () => {
    const quiet = await follower(newJobId());
    // The hub's reader is now blocked on the quiet stream alone, for up to 15 s.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const jobId = newJobId();
    const added = await follower(jobId);
    await appendJobEntries(redis, jobId, [line(1)]);
    await waitUntil("the new stream's line arrives", () => added.seen.length === 1, 5000);
    quiet.stop();
    added.stop();
  });

  it("serves a hundred followers of one job, and of other jobs, with the hub's two Redis connections", async () => {
    const jobIds = [newJobId(), newJobId(), newJobId()];
    const hubConnections = async () =>
      String(await redis.client("LIST"))
        .split("\n")
        .filter((client: string) => /name=ccw:job-event-hub/.test(client)).length;
    const followers = await Promise.all(
      Array.from({ length: 100 }, (_, n) => follower(jobIds[n % 3] as string)),
    );
    for (const jobId of jobIds) await appendJobEntries(redis, jobId, [line(1)]);
    await waitUntil("every follower has its line", () => followers.every((one) => one.seen.length === 1));
    expect(await hubConnections()).toBe(2);
    for (const one of followers) one.stop();
  });
});

describe("admitLogReader", () => {
  it("refuses a reader past the limit in all, and past the limit for one client, saying which", () => {
    const limits = { max: 3, perClient: 2 };
    const first = admitLogReader("alice", limits);
    const second = admitLogReader("alice", limits);
    expect(admitLogReader("alice", limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining("LOG_READERS_PER_CLIENT"),
    });
    const third = admitLogReader("bob", limits);
    expect(admitLogReader("carol", limits)).toMatchObject({
      ok: false,
      error: expect.stringContaining("LOG_READERS_MAX"),
    });
    for (const admitted of [first, second, third]) if (admitted.ok) admitted.release();
    expect(admitLogReader("alice", limits).ok).toBe(true);
  });
});
