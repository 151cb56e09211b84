// Schedules through BullMQ's job schedulers and a real worker: a schedule ticks on time and each tick submits a job
// of ours, a run is skipped while the last one still runs, a schedule pauses itself after three failures in a row,
// and a saved schedule keeps ticking after its worker restarts.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getQueueRedis } from "@/lib/queue";
import { fireSchedule } from "@/lib/schedules/fire-schedule";
import { getSchedule, listSchedules } from "@/lib/schedules/list-schedules";
import { deleteSchedule, pauseSchedule, resumeSchedule } from "@/lib/schedules/pause-schedule";
import { saveSchedule } from "@/lib/schedules/save-schedule";
import { getScheduleQueue } from "@/lib/schedules/schedule-queue";
import { scheduleInputSchema } from "@/lib/schedules/schedule-schemas";
import { waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-schedules-"));
let worker: WorkerProcess;
const env = { DATA_DIR: dataDir };

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  worker = startWorker(env);
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  for (const schedule of await listSchedules()) await deleteSchedule(schedule.id);
  await getScheduleQueue().obliterate({ force: true });
  worker.process.kill("SIGTERM");
  await worker.exited;
});

const save = async (fields: Record<string, unknown>) => {
  const result = await saveSchedule(scheduleInputSchema.parse(fields));
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.id;
};

const jobsOf = async (id: string) =>
  ((await getSchedule(id))?.runs ?? []).flatMap((run) => (run.jobId ? [run.jobId] : []));

describe("schedules", () => {
  it("tick on time, each tick a job of ours, and keep ticking after their worker restarts", async () => {
    const id = await save({
      name: "Every ten seconds",
      everySeconds: 10,
      spec: { prompt: "Write file:tick.txt" },
    });
    await waitUntil("the first tick starts a job", async () => (await jobsOf(id)).length >= 1, 20_000);
    const [first] = await jobsOf(id);
    expect(first).toMatch(/^[0-9a-z]{17}$/);
    const job = await waitForState(first as string, ["completed"], { context: () => worker.output() });
    expect(job.data.scheduleId).toBe(id);
    const view = await getSchedule(id);
    expect(view?.runs[0]).toMatchObject({ jobId: first, state: "completed" });
    expect(view?.nextRunAt).toBeGreaterThan(Date.now() - 1000);
    expect(view?.nextRunAt).toBeLessThanOrEqual(Date.now() + 10_000);

    worker.process.kill("SIGTERM");
    await worker.exited;
    worker = startWorker(env);
    await worker.waitForOutput("worker: ready");
    await waitUntil(
      "a tick after the restart starts another job",
      async () => (await jobsOf(id)).length >= 2,
      25_000,
    );
    expect(await deleteSchedule(id)).toEqual({ ok: true });
    expect(await getSchedule(id)).toBeNull();
  });

  it("skip a run while their last job still runs, and say so", async () => {
    const id = await save({ name: "Long one", everySeconds: 3600, spec: { prompt: "scenario:hang" } });
    await waitUntil("the first tick starts a job", async () => (await jobsOf(id)).length === 1, 20_000);
    const [running] = await jobsOf(id);
    await waitForState(running as string, ["active"], { context: () => worker.output() });
    expect(await fireSchedule(getQueueRedis(), id)).toEqual({
      skipped: `Skipped: its last job, ${running}, was still running.`,
    });
    expect((await getSchedule(id))?.runs[0]).toMatchObject({
      jobId: null,
      skipped: expect.stringContaining("Skipped"),
    });
    await cancelJob(running as string);
    await waitForState(running as string, ["failed"], { context: () => worker.output() });
    await deleteSchedule(id);
  });

  it("pause themselves after three failed runs in a row, saying why, and start afresh when resumed", async () => {
    const id = await save({
      name: "Broken",
      everySeconds: 3600,
      spec: { prompt: "scenario:fail", attempts: 1 },
    });
    await waitUntil("the first tick starts a job", async () => (await jobsOf(id)).length === 1, 20_000);
    for (let run = 1; run <= 3; run++) {
      const [last] = await jobsOf(id);
      await waitForState(last as string, ["failed"], { context: () => worker.output() });
      if (run < 3) {
        await waitUntil(
          "the failure is counted",
          async () => (await getSchedule(id))?.failuresInARow === run,
        );
        expect(await fireSchedule(getQueueRedis(), id)).toHaveProperty("fired");
      }
    }
    await waitUntil("the schedule pauses itself", async () => (await getSchedule(id))?.paused !== null);
    const paused = await getSchedule(id);
    expect(paused?.paused?.reason).toMatch(
      /^Paused itself after 3 failed runs in a row; the last, [0-9a-z]+: /,
    );
    expect(paused?.nextRunAt).toBeNull();
    expect(await fireSchedule(getQueueRedis(), id)).toEqual({ none: "the schedule is paused" });

    expect(await resumeSchedule(id)).toEqual({ ok: true });
    expect((await getSchedule(id))?.failuresInARow).toBe(0);
    expect(await pauseSchedule(id, "alice")).toEqual({ ok: true });
    expect((await getSchedule(id))?.paused?.reason).toBe("Paused by alice.");
    expect(await pauseSchedule(id, "alice")).toMatchObject({ ok: false, status: 409 });
    await deleteSchedule(id);
  });
});
