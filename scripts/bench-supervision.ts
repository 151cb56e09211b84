// Section 4 of `npm run bench`: what supervising a job's processes costs the worker, per job, on a host with
// 1,000 idle processes. Per job the worker looks for the run's leftovers once its CLI has exited; it also sweeps for
// orphans every 5 s. Measured beside a bare baseline in the same run: the CPU of spawning and reaping the job's
// child alone, and the full scan of every process's environment that each look cost before the process table.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { type Markers, markerEnvironment } from "../worker/process-markers";
import { ProcessTable } from "../worker/process-table";
import { findProcessesWithEnv } from "../worker/process-tree";

const IDLE_PROCESSES = 1000;
const JOBS = 100;

function cpuMs(run: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  return run().then(() => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  });
}

/** A job's CLI, reduced to a marked child that ends at once. */
function runChild(markers: Markers): Promise<void> {
  const child = spawn("/bin/true", [], {
    env: { ...process.env, ...markerEnvironment(markers) },
    stdio: "ignore",
  });
  return new Promise((resolve, reject) => {
    child.once("exit", () => resolve());
    child.once("error", reject);
  });
}

function startIdleProcesses(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn("sleep", ["3600"], { stdio: "ignore", env: { ...process.env, CCW_BENCH_IDLE: "1" } }),
  );
}

export async function benchSupervision(): Promise<void> {
  console.log(
    `\n4. Supervision CPU per job with ${IDLE_PROCESSES.toLocaleString("en")} idle processes on the host`,
  );
  const idle = startIdleProcesses(IDLE_PROCESSES);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const table = new ProcessTable();
    await table.refresh();
    const markers = (): Markers => ({
      installation: "bench",
      worker: "bench-worker",
      job: randomUUID(),
      run: randomUUID(),
    });

    let bare = 0;
    let tableCpu = 0;
    let sweepCpu = 0;
    let scanCpu = 0;
    for (let n = 0; n < JOBS; n++) {
      const job = markers();
      bare += await cpuMs(() => runChild(job));
      // What the worker does when a job's CLI has exited.
      tableCpu += await cpuMs(async () => {
        await table.kill(await table.find({ run: job.run }));
      });
      sweepCpu += await cpuMs(async () => {
        await table.refresh();
      });
      // Before the table: a full scan before the CLI started and another after it exited.
      scanCpu += await cpuMs(async () => {
        await findProcessesWithEnv("CCW_RUN_ID", job.run);
        await findProcessesWithEnv("CCW_RUN_ID", job.run);
      });
    }
    const perJob = (total: number) => (total / JOBS).toFixed(2);
    console.log(`   bare spawn and reap of the job's child:         ${perJob(bare)} ms CPU per job`);
    console.log(
      `   process table, the run's leftovers at its end:  ${perJob(tableCpu)} ms CPU per job (${(tableCpu / bare).toFixed(1)}× bare; goal < 2 ms)`,
    );
    console.log(
      `   process table, one orphan sweep (every 5 s):    ${perJob(sweepCpu)} ms CPU per sweep, whatever the jobs`,
    );
    console.log(
      `   full /proc scans, as before (two per job):      ${perJob(scanCpu)} ms CPU per job (${(scanCpu / bare).toFixed(1)}× bare)`,
    );
  } finally {
    for (const child of idle) child.kill("SIGKILL");
  }
}
