import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import {
  appendJobEntries,
  isAfterStreamId,
  lastStreamId,
  type NumberedEntry,
  streamIdParts,
} from "@/lib/job-events";
import { emptyProgress, foldProgress, type JobProgress } from "@/lib/job-progress";
import { readLinesFrom } from "./events-file";
import { FileAppender } from "./file-appender";

const FLUSH_MAX_LINES = 500;
const RETRY_INTERVAL_MS = 1000;
const PROGRESS_INTERVAL_MS = 500;
const TICK_MS = 500;
/** A gap this long between ticks means the worker was frozen (SIGSTOP, a paused VM): another run may have begun. */
const FREEZE_MS = 3000;

export interface JobEventSinkOptions {
  job: Job;
  redis: Redis;
  eventsPath: string;
  /** The run whose lines these are: the stream takes them only while it is the job's current run. */
  fence: string;
  /** The stream entries of this run are `<idBase>-<n>`, for the n-th line it wrote to events.jsonl from this byte. */
  idBase: number;
  eventsOffset: number;
  /** Called once when events.jsonl cannot be written. */
  onWriteError: (error: NodeJS.ErrnoException, file: string) => void;
  /** Whether a failed write of events.jsonl is worth one more try (space was freed meanwhile). */
  retryWrite: (error: NodeJS.ErrnoException) => Promise<boolean>;
  /** Called once when another run has become the job's current one: this run must stop. */
  onSuperseded: () => void;
  /** Whether this run is still the job's current one, asked of Redis after the worker was frozen. */
  isCurrent: () => Promise<boolean>;
  /** How long closing waits for Redis to take the last lines; the next run of the job mends what is missing. */
  closePatienceMs: number;
}

/**
 * Where a job's CLI output goes: every line to events.jsonl at once, to the job's Redis Stream in small batches,
 * and folded into progress saved at most twice a second. Stream entries are numbered here, so a batch retried after
 * a lost reply lands once, and a run whose entries are lost can be mended from events.jsonl.
 */
export class JobEventSink {
  private readonly file: FileAppender;
  private superseded = false;
  private nextSeq = 0;
  private pending: NumberedEntry[] = [];
  private flushing: Promise<void> = Promise.resolve();
  /** A batch is on its way to Redis: lines that come meanwhile wait for it, and go together next. */
  private writing = false;
  private flushSoon: NodeJS.Immediate | undefined;
  /** Set while Redis refuses writes: the next try waits for it. */
  private flushTimer: NodeJS.Timeout | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private progressDirty = false;
  /** The last entry Redis acknowledged; a Redis that restarted may have lost the ones it took just before. */
  private landed: NumberedEntry | undefined;
  private checkAfterReconnect = false;
  private readonly onReconnect = () => {
    this.checkAfterReconnect = true;
  };
  private lastTick = Date.now();
  private readonly ticker: NodeJS.Timeout;
  /** Lines held back from events.jsonl after a freeze, until Redis says this run is still the current one. */
  private held: string[] | undefined;
  progress: JobProgress = emptyProgress;

  constructor(private readonly options: JobEventSinkOptions) {
    options.redis.on("ready", this.onReconnect);
    this.ticker = setInterval(() => this.noticeFreeze(), TICK_MS);
    this.file = new FileAppender(options.eventsPath, {
      retry: options.retryWrite,
      onError: (error) => options.onWriteError(error, options.eventsPath),
    });
  }

  private get jobId(): string {
    return this.options.job.id as string;
  }

  /** Records one stdout line and returns it parsed. */
  push(line: string): CliLine {
    this.noticeFreeze();
    if (this.held) this.held.push(line);
    else if (!this.superseded) this.file.append(`${line}\n`);
    this.enqueue("line", line);
    const parsed = parseCliLine(line);
    this.progress = foldProgress(this.progress, parsed, Date.now());
    this.progressDirty = true;
    this.progressTimer ??= setTimeout(() => this.saveProgress(), PROGRESS_INTERVAL_MS);
    return parsed;
  }

  /** Marks the stream's end, writes everything still buffered, and saves the last progress. */
  async close(): Promise<void> {
    clearInterval(this.ticker);
    while (this.held && !this.superseded) await new Promise((resolve) => setTimeout(resolve, 50));
    // Its value says where the run's lines begin in events.jsonl, for the log's move out of Redis (lib/logs/).
    this.enqueue("end", String(this.options.eventsOffset));
    clearTimeout(this.progressTimer);
    const deadline = Date.now() + this.options.closePatienceMs;
    this.flush();
    await this.flushing;
    while (this.pending.length > 0 && !this.superseded && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_INTERVAL_MS));
      this.flush();
      await this.flushing;
    }
    clearTimeout(this.flushTimer);
    clearImmediate(this.flushSoon);
    this.options.redis.off("ready", this.onReconnect);
    if (this.pending.length > 0 && !this.superseded) {
      console.error(
        `job ${this.jobId}: Redis took no events for ${this.options.closePatienceMs / 1000}s; events.jsonl has them, and the job's next run mends its stream`,
      );
    }
    await Promise.all([
      this.progressDirty && !this.superseded
        ? this.options.job.updateProgress(this.progress).catch(() => {})
        : undefined,
      this.file.close(),
    ]);
  }

  private enqueue(field: NumberedEntry["field"], value: string): void {
    if (this.superseded) return;
    this.pending.push({ id: `${this.options.idBase}-${this.nextSeq++}`, field, value });
    if (this.pending.length >= FLUSH_MAX_LINES) this.flush();
    else this.scheduleFlush();
  }

  /**
   * A quiet CLI's line goes at once (after the lines of the same output chunk, in one batch); lines that come while a
   * batch is being written go together when it has landed. No timer: batches grow only as fast as lines come.
   */
  private scheduleFlush(): void {
    if (this.writing || this.flushTimer || this.flushSoon) return;
    this.flushSoon = setImmediate(() => this.flush());
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    clearImmediate(this.flushSoon);
    this.flushSoon = undefined;
    const batch = this.pending;
    this.pending = [];
    // Batches are chained so the stream keeps the CLI's order.
    this.flushing = this.flushing.then(async () => {
      if (this.superseded || batch.length === 0) return;
      this.writing = true;
      try {
        if (this.checkAfterReconnect) await this.restoreLost();
        const current = await appendJobEntries(this.options.redis, this.jobId, batch, this.options.fence);
        this.writing = false;
        if (!current) this.supersede();
        else {
          this.landed = batch[batch.length - 1];
          if (this.pending.length > 0) this.scheduleFlush();
        }
      } catch (error) {
        this.writing = false;
        // events.jsonl has every line; the stream is the live copy. Keep the batch for the next flush.
        console.error(
          `job ${this.jobId}: could not write events to Redis, will retry:`,
          (error as Error).message,
        );
        this.pending.unshift(...batch);
        this.flushTimer ??= setTimeout(() => this.flush(), RETRY_INTERVAL_MS);
      }
    });
  }

  /**
   * After a reconnect: a Redis that was killed may have lost the last entries it acknowledged (its append-only file
   * is synced once a second). Whatever of this run is missing is sent again from events.jsonl, before anything newer,
   * so the stream stays in order and equal to the file.
   */
  private async restoreLost(): Promise<void> {
    const landed = this.landed;
    if (!landed) {
      this.checkAfterReconnect = false;
      return;
    }
    const top = await lastStreamId(this.options.redis, this.jobId);
    const [, landedSeq] = streamIdParts(landed.id);
    const [topMs, topSeq] = streamIdParts(top ?? "0-0");
    if (!isAfterStreamId(landed.id, top ?? "0-0")) {
      this.checkAfterReconnect = false;
      return;
    }
    const from = topMs === this.options.idBase ? topSeq + 1 : 0;
    const lines = (await readLinesFrom(this.options.eventsPath, this.options.eventsOffset)).slice(
      0,
      landedSeq + 1,
    );
    const lost: NumberedEntry[] = [];
    for (let seq = from; seq <= landedSeq; seq++) {
      const value = lines[seq];
      if (value !== undefined) lost.push({ id: `${this.options.idBase}-${seq}`, field: "line", value });
      // The run's `end` is its last entry, and it comes only with close.
    }
    if (landed.field === "end") lost.push(landed);
    if (!(await appendJobEntries(this.options.redis, this.jobId, lost, this.options.fence))) this.supersede();
    else
      console.error(
        `job ${this.jobId}: Redis had lost ${lost.length} log line(s) it had taken; sent them again`,
      );
    this.checkAfterReconnect = false;
  }

  /**
   * A frozen worker wakes to lines its CLI printed meanwhile, while another worker may have taken the job over and
   * be writing the same events.jsonl: they are held until Redis says this run is still the job's.
   */
  private noticeFreeze(): void {
    const now = Date.now();
    const frozen = now - this.lastTick > FREEZE_MS;
    this.lastTick = now;
    if (!frozen || this.held || this.superseded) return;
    this.held = [];
    const release = (current: boolean) => {
      const held = this.held ?? [];
      this.held = undefined;
      if (!current) return this.supersede();
      for (const line of held) this.file.append(`${line}\n`);
    };
    this.options.isCurrent().then(release, () => release(true));
  }

  private supersede(): void {
    this.superseded = true;
    this.pending = [];
    this.options.onSuperseded();
  }

  private saveProgress(): void {
    this.progressTimer = undefined;
    if (!this.progressDirty || this.superseded) return;
    this.progressDirty = false;
    this.options.job.updateProgress(this.progress).catch((error: Error) => {
      console.error(`job ${this.jobId}: could not save progress:`, error.message);
    });
  }
}
