// Draining a worker, with two real workers on one queue: the drained one finishes the job it runs and takes no new
// one, which the other runs; resumed, it takes jobs again.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getQueueRedis } from "@/lib/queue";
import { readRunRecord } from "@/lib/runs/run-record";
import { listWorkers, setWorkerDraining } from "@/lib/workers/list-workers";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-drain-"));
process.env.DATA_DIR = dataDir;
const workers: WorkerProcess[] = [];

afterAll(async () => {
  for (const worker of workers) {
    worker.process.kill("SIGTERM");
    await worker.exited;
  }
});

const workerOf = async (jobId: string) => (await readRunRecord(getQueueRedis(), jobId))?.worker;

describe("a drained worker", () => {
  it("finishes what it runs, takes no new job while drained, and takes jobs again once resumed", async () => {
    const first = startWorker({ DATA_DIR: dataDir });
    workers.push(first);
    await first.waitForOutput("worker: ready");
    const { id: long } = await submit({ prompt: "scenario:slow turns:3 file:long.txt" });
    await waitForState(long, ["active"], { context: () => first.output() });
    await waitUntil("its run is claimed", async () => (await workerOf(long)) !== undefined);
    const drained = await workerOf(long);

    const second = startWorker({ DATA_DIR: dataDir });
    workers.push(second);
    await second.waitForOutput("worker: ready");
    expect(await setWorkerDraining(drained as string, true)).toEqual({ ok: true });
    await first.waitForOutput("worker: draining");
    await waitUntil("the page says it drains", async () =>
      (await listWorkers()).some((worker) => worker.id === drained && worker.draining),
    );

    const quick = await Promise.all([1, 2, 3].map((n) => submit({ prompt: `Write file:quick-${n}.txt` })));
    for (const { id } of quick) {
      await waitForState(id, ["completed"], { context: () => second.output() });
      expect(await workerOf(id)).not.toBe(drained);
    }
    // The job it ran before it was drained ran to its end, there.
    const done = await waitForState(long, ["completed"], {
      timeoutMs: 30_000,
      context: () => first.output(),
    });
    expect(done.returnvalue).toMatchObject({ outcome: "completed" });
    expect(await workerOf(long)).toBe(drained);

    expect(await setWorkerDraining(drained as string, false)).toEqual({ ok: true });
    await first.waitForOutput("worker: resumed");
    expect(await setWorkerDraining("nobody-00000000", true)).toMatchObject({ ok: false, status: 404 });
  });
});
