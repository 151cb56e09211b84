// /metrics, /healthz and /readyz over a real worker and Redis: the counts follow what happened.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthz } from "@/app/healthz/route";
import { GET as metrics } from "@/app/metrics/route";
import { GET as readyz } from "@/app/readyz/route";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-metrics-"));
let worker: WorkerProcess;

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  worker = startWorker({ DATA_DIR: dataDir });
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
});

/** The samples of the text format, by name and labels. */
async function samples(): Promise<Map<string, number>> {
  const response = await metrics();
  expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const found = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+|NaN)$/.exec(line);
    expect(match, `not a sample line: ${line}`).not.toBeNull();
    found.set(match?.[1] as string, Number(match?.[2]));
  }
  return found;
}

describe("operations endpoints", () => {
  it("count jobs by outcome and diagnosis, their cost and tokens, the queue's states and the workers", async () => {
    const before = await samples();
    const completed = 'ccw_jobs_finished_total{outcome="completed",diagnosis=""}';
    const failed = 'ccw_jobs_finished_total{outcome="failed",diagnosis="server-error"}';
    const ok = await submit({ prompt: "Write file:counted.txt" });
    const broken = await submit({ prompt: "scenario:fail", attempts: 1 });
    await waitForState(ok.id, ["completed"], { context: () => worker.output() });
    await waitForState(broken.id, ["failed"], { context: () => worker.output() });
    await waitUntil("both ends are counted", async () => {
      const now = await samples();
      return (
        (now.get(completed) ?? 0) > (before.get(completed) ?? 0) &&
        (now.get(failed) ?? 0) > (before.get(failed) ?? 0)
      );
    });
    const after = await samples();
    expect((after.get(completed) ?? 0) - (before.get(completed) ?? 0)).toBe(1);
    expect((after.get(failed) ?? 0) - (before.get(failed) ?? 0)).toBe(1);
    expect(after.get("ccw_cost_usd_total") ?? 0).toBeGreaterThan(before.get("ccw_cost_usd_total") ?? 0);
    expect(after.get('ccw_tokens_total{kind="input"}') ?? 0).toBeGreaterThan(0);
    expect(after.get("ccw_workers")).toBeGreaterThanOrEqual(1);
    expect([...after.keys()].some((name) => name.startsWith("bullmq_job_count{"))).toBe(true);
  });

  it("say the process lives, and that it can serve while Redis answers", async () => {
    expect(await (await healthz()).json()).toEqual({ ok: true });
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  });
});
