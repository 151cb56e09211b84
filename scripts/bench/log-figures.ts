import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { SseParser } from "../../lib/sse-parser";
import { stopChild } from "../lib/child-process-group";
import { type Comparison, interleaved, loadAverage, percentile } from "./compare";
import { openFiles, rssMb } from "./process-usage";
import { startOurWorker, type WorkerContext } from "./workers";

// How fast a CLI's line reaches a reader: ours (worker → Redis stream → the events route → SSE) beside a bare XADD →
// XREAD on the same Redis; how soon after a job is finished its stream says done; and a flood's lines per second
// beside a bare pipe of the same CLI's stdout into XADD.

const now = () => performance.timeOrigin + performance.now();
const FLOOD_LINES = 200_000;

export interface LogBenchContext extends WorkerContext {
  webUrl: string;
  /** The web server's process, whose memory and files the watchers figure counts. */
  webPid: number;
  queue: Queue;
  submit: (prompt: string) => Promise<string>;
  streamKey: (jobId: string) => string;
}

interface Heard {
  latencies: number[];
  lines: number;
  endAt?: number;
  doneAt?: number;
}

/** Reads a job's SSE stream from the start until `done`, noting each paced line's latency. */
async function listen(webUrl: string, jobId: string): Promise<Heard> {
  const heard: Heard = { latencies: [], lines: 0 };
  let cursor = "";
  // The route ends a stream after SSE_MAX_SECONDS; a reader resumes from its cursor, as the page does.
  while (heard.doneAt === undefined) {
    const response = await fetch(`${webUrl}/api/jobs/${jobId}/events`, {
      headers: cursor ? { "Last-Event-ID": cursor } : {},
    });
    const parser = new SseParser();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const at = now();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        cursor = event.lastEventId || cursor;
        if (event.event === "end") heard.endAt = at;
        else if (event.event === "done") heard.doneAt = at;
        else if (event.event === "message") {
          heard.lines++;
          const sentAt = /"sentAt":([\d.]+)/.exec(event.data)?.[1];
          if (sentAt) heard.latencies.push(at - Number(sentAt));
        }
      }
    }
  }
  return heard;
}

async function oursPaced(context: LogBenchContext, lines: number, rate: number, dones: number[]) {
  const id = await context.submit(`paced lines:${lines} rate:${rate}`);
  const heard = await listen(context.webUrl, id);
  const finishedOn = (await context.queue.getJob(id))?.finishedOn;
  if (finishedOn && heard.doneAt) dones.push(heard.doneAt - finishedOn);
  return heard.latencies;
}

/** The same pace through a bare stream: one connection adds, another blocks in XREAD. */
async function barePaced(redisUrl: string, lines: number, rate: number): Promise<number[]> {
  const writer = new Redis(redisUrl);
  const reader = new Redis(redisUrl);
  const key = `{bare}:paced:${Date.now()}`;
  const latencies: number[] = [];
  try {
    const reading = (async () => {
      let cursor = "0";
      while (latencies.length < lines) {
        const reply = await reader.xread("BLOCK", 5000, "STREAMS", key, cursor);
        const at = now();
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          cursor = id;
          latencies.push(at - Number(fields[1]));
        }
      }
    })();
    const start = now();
    for (let n = 1; n <= lines; n++) {
      const wait = start + (n * 1000) / rate - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await writer.xadd(key, "*", "sentAt", String(now()));
    }
    await reading;
  } finally {
    await writer.del(key);
    writer.disconnect();
    reader.disconnect();
  }
  return latencies;
}

/** Lines per second into the job's stream, from the CLI's first line to the last one landing. */
async function oursFlood(context: LogBenchContext): Promise<{ rate: number; lost: number }> {
  const redis = new Redis(context.redisUrl);
  try {
    const start = now();
    const id = await context.submit(`paced lines:${FLOOD_LINES} rate:0`);
    const expected = FLOOD_LINES + 3; // init, the lines, result, and the run's end
    for (;;) {
      const length = await redis.xlen(context.streamKey(id));
      if (length >= expected)
        return { rate: FLOOD_LINES / ((now() - start) / 1000), lost: expected - length };
      if ((await context.queue.getJobState(id)) === "failed") throw new Error(`flood job ${id} failed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    redis.disconnect();
  }
}

/** The same CLI's stdout piped into XADD, 500 lines a round trip, as plainly as it can be done. */
async function bareFlood(context: LogBenchContext): Promise<{ rate: number; lost: number }> {
  const redis = new Redis(context.redisUrl);
  const key = `{bare}:flood:${Date.now()}`;
  try {
    const start = now();
    const child = spawn(
      process.execPath,
      [path.join(import.meta.dirname, "paced-cli.mjs"), `lines:${FLOOD_LINES} rate:0`],
      {
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let batch: string[] = [];
    let pending = Promise.resolve();
    const send = (lines: string[]) => {
      const pipeline = redis.pipeline();
      for (const line of lines) pipeline.xadd(key, "*", "line", line);
      pending = pending.then(() => pipeline.exec().then(() => {}));
    };
    for await (const line of createInterface({ input: child.stdout })) {
      batch.push(line);
      if (batch.length === 500) {
        send(batch);
        batch = [];
      }
    }
    send(batch);
    await pending;
    const length = await redis.xlen(key);
    return { rate: FLOOD_LINES / ((now() - start) / 1000), lost: FLOOD_LINES + 2 - length };
  } finally {
    await redis.del(key);
    redis.disconnect();
  }
}

const WATCHERS = 1000;

async function connectedClients(redis: Redis): Promise<number> {
  return Number(/connected_clients:(\d+)/.exec(await redis.info("clients"))?.[1]);
}

/** A thousand readers of one running job's log: what they cost the dashboard and Redis. */
async function benchWatchers(context: LogBenchContext): Promise<Comparison[]> {
  const redis = new Redis(context.redisUrl);
  const aborter = new AbortController();
  const load = loadAverage();
  try {
    const id = await context.submit("paced lines:1200 rate:10");
    const [clients, rss, files] = [
      await connectedClients(redis),
      rssMb(context.webPid),
      openFiles(context.webPid),
    ];
    let heard = 0;
    const readers = Array.from({ length: WATCHERS }, async () => {
      const response = await fetch(`${context.webUrl}/api/jobs/${id}/events`, { signal: aborter.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let counted = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        if (!counted && new TextDecoder().decode(value).includes("line ")) {
          counted = true;
          heard++;
        }
      }
    });
    const deadline = Date.now() + 60_000;
    while (heard < WATCHERS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    // Settled: every reader has had lines for a moment.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rows: Comparison[] = [
      {
        figure: `${WATCHERS.toLocaleString("en")} watchers of one job: Redis connections`,
        unit: "",
        ours: (await connectedClients(redis)) - clients,
        bare: null,
        ratio: null,
        target: { of: "ours", max: 10, text: "≤ 10" },
        load: [load, loadAverage()],
        note: `${heard} of them heard its lines`,
      },
      {
        figure: `${WATCHERS.toLocaleString("en")} watchers of one job: web memory`,
        unit: "MB",
        ours: rssMb(context.webPid) - rss,
        bare: null,
        ratio: null,
        target: { of: "ours", max: 100, text: "≤ +100 MB" },
        load: [load, loadAverage()],
      },
      {
        figure: `${WATCHERS.toLocaleString("en")} watchers of one job: web open files`,
        unit: "",
        ours: openFiles(context.webPid) - files,
        bare: null,
        ratio: null,
        load: [load, loadAverage()],
      },
    ];
    aborter.abort();
    await Promise.allSettled(readers);
    await fetch(`${context.webUrl}/api/jobs/${id}/cancel`, { method: "POST" });
    return rows;
  } finally {
    aborter.abort();
    redis.disconnect();
  }
}

export async function benchLog(context: LogBenchContext): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  const worker = startOurWorker(context, 4);
  await worker.ready;
  const dones: number[] = [];
  try {
    for (const [name, lines, rate] of [
      ["a quiet CLI (20 lines/s)", 100, 20],
      ["1,000 lines/s", 3000, 1000],
    ] as const) {
      const { ours, bare, load } = await interleaved(
        2,
        () => oursPaced(context, lines, rate, dones),
        () => barePaced(context.redisUrl, lines, rate),
      );
      for (const [label, p] of [
        ["p50", 0.5],
        ["p95", 0.95],
      ] as const) {
        const oursAt = percentile(ours, p);
        const bareAt = percentile(bare, p);
        rows.push({
          figure: `line → reader, ${name}, ${label}`,
          unit: "ms",
          ours: oursAt,
          bare: bareAt,
          ratio: oursAt / bareAt,
          target: rate <= 20 && label === "p95" ? { of: "excess", max: 5, text: "≤ bare + 5 ms" } : undefined,
          load,
        });
      }
    }
    const before = loadAverage();
    rows.push({
      figure: "job finished → its stream says done, worst",
      unit: "ms",
      ours: Math.max(...dones),
      bare: null,
      ratio: null,
      target: { of: "ours", max: 250, text: "≤ 250 ms, every run" },
      load: [before, before],
      note: `${dones.length} runs: ${dones.map((done) => done.toFixed(0)).join(", ")} ms`,
    });
    const flood = await interleaved(
      1,
      async () => [await oursFlood(context)],
      async () => [await bareFlood(context)],
    );
    const oursRate = Math.min(...flood.ours.map((run) => run.rate));
    const bareRate = Math.min(...flood.bare.map((run) => run.rate));
    const lost = flood.ours.reduce((sum, run) => sum + run.lost, 0);
    rows.push({
      figure: `a ${FLOOD_LINES.toLocaleString("en")}-line flood into the stream`,
      unit: "lines/s",
      ours: oursRate,
      bare: bareRate,
      ratio: oursRate / bareRate,
      target: { of: "ratio", min: 0.8, text: "≥ 0.8× bare" },
      load: flood.load,
      note: lost === 0 ? "nothing lost or repeated" : `${lost} line(s) missing or extra`,
    });
    rows.push(...(await benchWatchers(context)));
  } finally {
    await stopChild(worker, 20_000);
  }
  return rows;
}
