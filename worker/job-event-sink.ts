import { createWriteStream, type WriteStream } from "node:fs";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { appendJobEnd, appendJobEvents } from "@/lib/job-events";
import { emptyProgress, foldProgress, type JobProgress } from "@/lib/job-progress";

const FLUSH_INTERVAL_MS = 50;
const FLUSH_MAX_LINES = 500;
const PROGRESS_INTERVAL_MS = 500;

/**
 * Where a job's CLI output goes: every line to events.jsonl at once, to the job's Redis Stream in small batches,
 * and folded into progress saved at most twice a second.
 */
export class JobEventSink {
  private readonly file: WriteStream;
  private pending: string[] = [];
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
    this.pending.push(line);
    if (this.pending.length >= FLUSH_MAX_LINES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);

    const parsed = parseCliLine(line);
    this.progress = foldProgress(this.progress, parsed, Date.now());
    this.progressDirty = true;
    this.progressTimer ??= setTimeout(() => this.saveProgress(), PROGRESS_INTERVAL_MS);
    return parsed;
  }

  /** Writes everything still buffered, marks the stream's end and saves the last progress. */
  async close(): Promise<void> {
    this.flush();
    await this.flushing;
    clearTimeout(this.progressTimer);
    await Promise.all([
      this.progressDirty ? this.job.updateProgress(this.progress) : undefined,
      appendJobEnd(this.redis, this.job.id as string),
      new Promise<void>((done) => this.file.end(done)),
    ]);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    // Batches are chained so the stream keeps the CLI's order.
    this.flushing = this.flushing.then(async () => {
      try {
        await appendJobEvents(this.redis, this.job.id as string, batch);
      } catch (error) {
        // events.jsonl has every line; the stream is the live copy. Keep the batch for the next flush.
        console.error(
          `job ${this.job.id}: could not write events to Redis, will retry:`,
          (error as Error).message,
        );
        this.pending.unshift(...batch);
        this.flushTimer ??= setTimeout(() => this.flush(), 1000);
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
