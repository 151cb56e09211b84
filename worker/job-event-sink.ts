import { createWriteStream, type WriteStream } from "node:fs";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { appendJobEntries, type NumberedEntry } from "@/lib/job-events";
import { emptyProgress, foldProgress, type JobProgress } from "@/lib/job-progress";

const FLUSH_INTERVAL_MS = 50;
const FLUSH_MAX_LINES = 500;
const RETRY_INTERVAL_MS = 1000;
/** How long closing waits for Redis to take the last lines before leaving them to events.jsonl alone. */
const CLOSE_PATIENCE_MS = 30_000;
const PROGRESS_INTERVAL_MS = 500;

/**
 * Where a job's CLI output goes: every line to events.jsonl at once, to the job's Redis Stream in small batches,
 * and folded into progress saved at most twice a second. Stream entries are numbered here, so a batch retried after
 * a lost reply lands once.
 */
export class JobEventSink {
  private readonly file: WriteStream;
  // Ids of this attempt: its start time, then a counter. A later attempt starts later, so its ids sort after.
  private readonly idBase = Date.now();
  private nextSeq = 0;
  private pending: NumberedEntry[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private progressDirty = false;
  progress: JobProgress = emptyProgress;

  constructor(
    private readonly job: Job,
    private readonly redis: Redis,
    eventsPath: string,
  ) {
    this.file = createWriteStream(eventsPath, { flags: "a" });
  }

  /** Records one stdout line and returns it parsed. */
  push(line: string): CliLine {
    this.file.write(`${line}\n`);
    this.enqueue("line", line);
    const parsed = parseCliLine(line);
    this.progress = foldProgress(this.progress, parsed, Date.now());
    this.progressDirty = true;
    this.progressTimer ??= setTimeout(() => this.saveProgress(), PROGRESS_INTERVAL_MS);
    return parsed;
  }

  /** Marks the stream's end, writes everything still buffered, and saves the last progress. */
  async close(): Promise<void> {
    this.enqueue("end", "1");
    clearTimeout(this.progressTimer);
    const deadline = Date.now() + CLOSE_PATIENCE_MS;
    this.flush();
    await this.flushing;
    while (this.pending.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
      this.flush();
      await this.flushing;
    }
    clearTimeout(this.flushTimer);
    if (this.pending.length > 0) {
      console.error(
        `job ${this.job.id}: Redis took no events for ${CLOSE_PATIENCE_MS / 1000}s; events.jsonl has them all`,
      );
    }
    await Promise.all([
      this.progressDirty ? this.job.updateProgress(this.progress).catch(() => {}) : undefined,
      new Promise<void>((done) => this.file.end(done)),
    ]);
  }

  private enqueue(field: NumberedEntry["field"], value: string): void {
    this.pending.push({ id: `${this.idBase}-${this.nextSeq++}`, field, value });
    if (this.pending.length >= FLUSH_MAX_LINES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    // Batches are chained so the stream keeps the CLI's order.
    this.flushing = this.flushing.then(async () => {
      try {
        await appendJobEntries(this.redis, this.job.id as string, batch);
      } catch (error) {
        // events.jsonl has every line; the stream is the live copy. Keep the batch for the next flush.
        console.error(
          `job ${this.job.id}: could not write events to Redis, will retry:`,
          (error as Error).message,
        );
        this.pending.unshift(...batch);
        this.flushTimer ??= setTimeout(() => this.flush(), RETRY_INTERVAL_MS);
      }
    });
  }

  private saveProgress(): void {
    this.progressTimer = undefined;
    if (!this.progressDirty) return;
    this.progressDirty = false;
    this.job.updateProgress(this.progress).catch((error: Error) => {
      console.error(`job ${this.job.id}: could not save progress:`, error.message);
    });
  }
}
