// Submits with an Idempotency-Key against a real Redis: a retried request makes one job, another request under the
// same key is refused, and a request the server refused keeps no key.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jobSpecSchema } from "@/lib/job-spec";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { submitJobIdempotently } from "@/lib/jobs/idempotent-submit";
import { getJobQueue } from "@/lib/queue";

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ccw-idempotent-"));
const made: string[] = [];

afterAll(async () => {
  for (const id of made) await cancelJob(id);
});

const spec = (fields: Record<string, unknown>) => jobSpecSchema.parse({ delaySeconds: 600, ...fields });

describe("a submit with an Idempotency-Key", () => {
  it("makes one job however often it is sent, whatever the order of its fields", async () => {
    const key = `retry-${Date.now()}`;
    const first = await submitJobIdempotently(key, spec({ prompt: "Nightly report", title: "Nightly" }), 1);
    const again = await submitJobIdempotently(key, spec({ title: "Nightly", prompt: "Nightly report" }), 1);
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual({ ...first, replayed: true });
    if (first.ok) made.push(first.id);
    const queued = await getJobQueue().getJobs(["delayed"]);
    expect(
      queued.filter((job) => job.data.title === "Nightly" && made.includes(job.id as string)),
    ).toHaveLength(1);
  });

  it("refuses another request under the same key, and keeps no key for a request the server refused", async () => {
    const key = `other-${Date.now()}`;
    const first = await submitJobIdempotently(key, spec({ prompt: "One thing" }), 1);
    if (first.ok) made.push(first.id);
    expect(await submitJobIdempotently(key, spec({ prompt: "Another thing" }), 1)).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("used within the day for another request"),
    });
    expect(await submitJobIdempotently(key, spec({ prompt: "One thing" }), 2)).toMatchObject({ status: 409 });

    const refusedKey = `refused-${Date.now()}`;
    const refused = await submitJobIdempotently(
      refusedKey,
      spec({ prompt: "x", workingDirectory: "/nowhere/at/all" }),
      1,
    );
    expect(refused).toMatchObject({ ok: false, errors: { workingDirectory: expect.any(String) } });
    const corrected = await submitJobIdempotently(refusedKey, spec({ prompt: "x" }), 1);
    expect(corrected).toMatchObject({ ok: true });
    if (corrected.ok) made.push(corrected.id);
  });
});
