// `npm run bench`: the figures behind claims a test cannot time, each beside a bare baseline where one exists, on a
// scratch Redis and data folder (`--only=queue,stream,log,supervision` runs some of the sections):
//   queue: dispatch (submit → CLI started), throughput at concurrency 1, 4 and 16, worker CPU per job and Redis held
//          per finished job, against a bare BullMQ worker spawning the same CLI (scripts/bench/queue-figures.ts);
//   stream: a line's way to its reader against XADD → XREAD, job finished → done, a flood against a bare pipe into
//           XADD, and 1,000 watchers of one job (scripts/bench/log-figures.ts);
//   log: the job list at 10,000 jobs (its own read, and over HTTP beside bull-board's API), a 100,000-event log
//        written, replayed and shown in Chromium (the production build): load time, rows in the page, frame times;
//   supervision: the worker's supervision CPU per job with 1,000 idle processes on the host.
// The table at the end (also test-results/bench.json) says which targets hold; the figures of this machine are in
// the README's Performance section. Noisy on 2 shared cores: ratios measured in one run are what count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { UnrecoverableError, Worker } from "bullmq";
import { writeBenchCli } from "./bench/bench-cli";
import { type Comparison, formatTable, met } from "./bench/compare";
import { benchList } from "./bench/list-figures";
import { benchLog } from "./bench/log-figures";
import { benchQueue } from "./bench/queue-figures";
import { openStartTracker } from "./bench/start-tracker";
import { startWeb } from "./bench/web-server";
import { benchSupervision } from "./bench-supervision";
import { stopChild } from "./lib/child-process-group";
import { ensureChromium } from "./lib/chromium";
import { startRedisServer } from "./lib/redis-server";

const JOBS = 10_000;
const LOG_EVENTS = 100_000;
const RUNS = 20;
const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "ccw-bench-"));

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

const redis = await startRedisServer({ dir: path.join(scratch, "redis") });
process.env.REDIS_URL = redis.url;
process.env.DATA_DIR = path.join(scratch, "data");
// Imported after the environment is set: the config is read once, on first use.
const { listJobs } = await import("../lib/jobs/list-jobs");
const { closeJobQueue, getJobQueue, getQueueRedis, JOB_NAME, KEY_PREFIX, QUEUE_NAME } = await import(
  "../lib/queue"
);
const { appendJobEntries, jobEventsKey, readJobEvents } = await import("../lib/job-events");
const { newJobId } = await import("../lib/job-id");
const { submitJob } = await import("../lib/jobs/submit-job");
const { jobSpecSchema } = await import("../lib/job-spec");

// `--only=queue,list`: the named sections alone, for working on one figure.
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wants = (section: string) => !only || only.includes(section);
const rows: Comparison[] = [];

/** Our submit command, as the API calls it. */
async function submitOurs(prompt: string): Promise<string> {
  const submitted = await submitJob(jobSpecSchema.parse({ prompt }));
  if (!submitted.ok) throw new Error(`submit refused: ${JSON.stringify(submitted.errors)}`);
  return submitted.id;
}

/** What starting a worker needs, with the bench CLI telling its starts to the FIFO of that name. */
function workerContext(fifo: string) {
  const dir = path.join(scratch, `bin-${fifo}`);
  mkdirSync(dir);
  return {
    root,
    redisUrl: redis.url,
    dataDir: path.join(scratch, "data"),
    cli: writeBenchCli(dir, path.join(scratch, fifo)),
  };
}

try {
  if (wants("queue")) {
    console.log("\n0. Dispatch, throughput and worker CPU, beside a bare BullMQ worker");
    const tracker = openStartTracker(path.join(scratch, "cli-starts"));
    try {
      rows.push(
        ...(await benchQueue({
          ...workerContext("cli-starts"),
          tracker,
          queueName: QUEUE_NAME,
          prefix: KEY_PREFIX,
          submit: submitOurs,
        })),
      );
    } finally {
      tracker.close();
    }
    await getJobQueue().obliterate({ force: true });
  }
  if (wants("stream")) {
    console.log("\n0b. A line's way to its reader, the end of a log, a flood; beside a bare stream");
    const web = await startWeb(root);
    // The CLI's first act is to write to its FIFO, which blocks until someone reads it.
    const tracker = openStartTracker(path.join(scratch, "cli-starts-stream"));
    try {
      rows.push(
        ...(await benchLog({
          ...workerContext("cli-starts-stream"),
          webUrl: web.url,
          webPid: web.child.process.pid as number,
          queue: getJobQueue(),
          submit: submitOurs,
          streamKey: jobEventsKey,
        })),
      );
    } finally {
      tracker.close();
      await stopChild(web.child, 10_000);
    }
    await getJobQueue().obliterate({ force: true });
  }
  if (wants("log")) {
    console.log(`\n1. The job list at ${JOBS.toLocaleString("en")} jobs`);
    const queue = getJobQueue();
    const filler = "Refactor the module, keep the tests green, and explain each change. ".repeat(4);
    const seedStart = performance.now();
    for (let start = 0; start < JOBS; start += 1000) {
      await queue.addBulk(
        Array.from({ length: 1000 }, (_, n) => {
          const index = start + n;
          // One in twenty stays delayed; the rest run through a no-op worker, one in twenty of them failing.
          const delayed = index % 20 === 0;
          return {
            name: JOB_NAME,
            data: {
              prompt: `Job ${index}: ${index % 500 === 7 ? "find the narwhal. " : ""}${filler}`,
              permissionMode: "acceptEdits" as const,
            },
            opts: { jobId: newJobId(), delay: delayed ? 3_600_000 : undefined, attempts: 1 },
          };
        }),
      );
    }
    let processed = 0;
    const worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        processed++;
        if (Number(/^Job (\d+)/.exec(job.data.prompt)?.[1]) % 20 === 1)
          throw new UnrecoverableError("bench failure");
      },
      { connection: { url: redis.url }, prefix: KEY_PREFIX, concurrency: 50 },
    );
    const toRun = JOBS - JOBS / 20;
    while (processed < toRun) await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.close();
    console.log(
      `   seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${JSON.stringify((await listJobs()).counts)}`,
    );
    const lastPage = Math.ceil(JOBS / 50);
    const cases: [string, Parameters<typeof listJobs>[0]][] = [
      ["all, first page", {}],
      [`all, last page (${lastPage})`, { page: lastPage }],
      ["completed tab", { tab: "completed" }],
      ["failed tab", { tab: "failed" }],
      ["delayed tab", { tab: "delayed" }],
      ["search, 20 matches", { q: "narwhal" }],
      ["search, no match", { q: "no such words anywhere" }],
    ];
    for (const [name, query] of cases)
      console.log(`   ${name.padEnd(26)} ${percentiles(await time(() => listJobs(query)))}`);

    console.log(`\n2. A log of ${LOG_EVENTS.toLocaleString("en")} events`);
    const completed = (await listJobs({ tab: "completed" })).jobs[0];
    if (!completed) throw new Error("no completed job to give a log");
    const attemptStart = Date.now();
    const line = (n: number) =>
      JSON.stringify({
        type: "assistant",
        message: {
          id: "msg_bench",
          role: "assistant",
          content: [{ type: "text", text: `Line ${n} of the run: a few words of progress.` }],
        },
        session_id: "bench",
      });
    const writeStart = performance.now();
    for (let start = 0; start < LOG_EVENTS; start += 500) {
      await appendJobEntries(
        getQueueRedis(),
        completed.id,
        Array.from({ length: Math.min(500, LOG_EVENTS - start) }, (_, n) => ({
          id: `${attemptStart}-${start + n + 1}`,
          field: "line" as const,
          value: line(start + n + 1),
        })),
      );
    }
    await appendJobEntries(getQueueRedis(), completed.id, [
      { id: `${attemptStart}-${LOG_EVENTS + 1}`, field: "end", value: "" },
    ]);
    const writeMs = performance.now() - writeStart;
    console.log(
      `   written in batches of 500: ${(writeMs / 1000).toFixed(2)} s (${Math.round(LOG_EVENTS / (writeMs / 1000)).toLocaleString("en")} lines/s)`,
    );
    const replayStart = performance.now();
    let cursor = "0";
    let read = 0;
    for (;;) {
      const batch = await readJobEvents(getQueueRedis(), completed.id, cursor, { count: 1000 });
      if (batch.length === 0) break;
      read += batch.length;
      cursor = (batch[batch.length - 1] as { cursor: string }).cursor;
    }
    const replayMs = performance.now() - replayStart;
    console.log(
      `   replayed from Redis, 1000 per read: ${read.toLocaleString("en")} entries in ${replayMs.toFixed(0)} ms`,
    );

    console.log("\n3. That log in the browser");
    const web = await startWeb(root);
    const browser = await chromium.launch({
      executablePath: ensureChromium(),
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-gpu",
      ],
    });
    const port = new URL(web.url).port;
    try {
      rows.push(...(await benchList(web.url, JOBS, "narwhal")));
      const sseStart = performance.now();
      const sse = await fetch(`http://127.0.0.1:${port}/api/jobs/${completed.id}/events`);
      const reader = (sse.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let tail = "";
      let sseBytes = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        sseBytes += value.length;
        tail = (tail + decoder.decode(value, { stream: true })).slice(-100);
        if (tail.includes("event: done")) break;
      }
      await reader.cancel();
      console.log(
        `   the whole log over SSE (no browser): ${((performance.now() - sseStart) / 1000).toFixed(2)} s, ${(sseBytes / 1024 / 1024).toFixed(1)} MB`,
      );
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const openStart = performance.now();
      await page.goto(`http://127.0.0.1:${port}/jobs/${completed.id}`);
      await page.locator('[data-testid="job-log"][data-done="true"]').waitFor({ timeout: 300_000 });
      const loadMs = performance.now() - openStart;
      const entries = await page.getByTestId("job-log").getAttribute("data-entries");
      const rendered = await page.getByTestId("log-entry").count();
      console.log(
        `   page open → all ${entries} entries loaded: ${(loadMs / 1000).toFixed(1)} s; rows in the page: ${rendered}`,
      );
      const frames = await page.getByTestId("job-log").evaluate(async (log) => {
        // Scrolls from the top to the bottom in 300 steps, one per frame, timing each frame.
        const durations: number[] = [];
        let last = performance.now();
        for (let step = 0; step <= 300; step++) {
          log.scrollTop = (log.scrollHeight * step) / 300;
          await new Promise(requestAnimationFrame);
          const now = performance.now();
          durations.push(now - last);
          last = now;
        }
        return durations;
      });
      console.log(`   frame times scrolling top to bottom in 300 steps: ${percentiles(frames)}`);
      const searchMs = await page.evaluate(async () => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search the log"]');
        if (!input) return -1;
        const start = performance.now();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
        setter?.call(input, "Line 99999 of");
        input.dispatchEvent(new Event("input", { bubbles: true }));
        while (!document.querySelector('[data-testid="log-matches"]')?.textContent?.includes("1 of 1"))
          await new Promise(requestAnimationFrame);
        return performance.now() - start;
      });
      console.log(`   search across all entries until "1 of 1" shows: ${searchMs.toFixed(0)} ms`);
      const heap = await page.evaluate(
        () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize,
      );
      if (heap) console.log(`   JS heap with the whole log loaded: ${(heap / 1024 / 1024).toFixed(0)} MB`);
    } finally {
      await browser.close();
      await stopChild(web.child, 10_000);
    }
  }
  if (wants("supervision")) await benchSupervision();
  if (rows.length > 0) {
    console.log(`\nOurs beside the bare baselines (${os.cpus().length} cores, load average per block):\n`);
    console.log(formatTable(rows));
    const missed = rows.filter((row) => met(row) === false);
    console.log(missed.length === 0 ? "\nEvery target holds." : `\n${missed.length} target(s) not met.`);
    const out = path.join(root, "test-results", "bench.json");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, rows }, null, 2)}\n`,
    );
    console.log(`The figures are in ${path.relative(root, out)}.`);
  }
} finally {
  await closeJobQueue();
  await redis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
