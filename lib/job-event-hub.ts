import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import {
  isAfterStreamId,
  type JobStreamEntry,
  jobEventsKey,
  lastStreamId,
  toStreamEntry,
} from "./job-events";
import { replayJobLog } from "./logs/replay-job-log";
import { KEY_PREFIX } from "./queue";
import { createRedisConnection } from "./redis";

/** Entries one blocking read takes per stream: a burst is split over reads rather than held in one reply. */
const READ_COUNT = 500;
/** How long one blocking read waits; a new stream to watch interrupts it at once (an entry in the wake stream). */
const BLOCK_MS = 15_000;
/** The wake stream outlives its process by this long at most. */
const WAKE_TTL_MS = 24 * 3600 * 1000;

type Deliver = (entries: JobStreamEntry[]) => void;

interface Watched {
  /** The newest entry the hub has read of this stream: its next read starts after it. */
  after: string;
  watchers: Set<Deliver>;
}

/**
 * Every watched job log of this web process, read by one blocking XREAD over all their streams at once and fanned
 * out to their watchers. A thousand readers of one job, or of a hundred jobs, hold two Redis connections, not a
 * thousand. A watcher gets the entries that come after it subscribed; what came before, it reads itself (see
 * `followJobEvents`, which joins the two without a gap or a repeat).
 */
class JobEventHub {
  private readonly streams = new Map<string, Watched>();
  /** Blocks in XREAD; only that. */
  private readonly reader: Redis;
  /** Reads the streams' tops, and wakes the reader when the set of streams changes. */
  private readonly control: Redis;
  /**
   * A stream of this process's own that every read also waits on: an entry added to it ends the wait. Unlike CLIENT
   * UNBLOCK it cannot miss a read that had not begun yet: that read starts after the entry, and returns at once.
   */
  private readonly wakeKey = `${KEY_PREFIX}:event-hub-wake:${randomUUID()}`;
  private wakeAfter = "0-0";
  private running = false;

  constructor() {
    this.reader = createRedisConnection({ name: "job-event-hub", failFast: false });
    this.control = createRedisConnection({ name: "job-event-hub-control", failFast: false });
  }

  /** Delivers the job's entries newer than the stream's top at this call, until the returned function is called. */
  async subscribe(jobId: string, deliver: Deliver): Promise<() => void> {
    const key = jobEventsKey(jobId);
    let watched = this.streams.get(key);
    if (!watched) {
      watched = { after: (await lastStreamId(this.control, jobId)) ?? "0-0", watchers: new Set() };
      // Another subscriber may have added it while we read its top.
      const existing = this.streams.get(key);
      if (existing) watched = existing;
      else {
        this.streams.set(key, watched);
        void this.wakeReader();
      }
    }
    watched.watchers.add(deliver);
    this.run();
    const stream = watched;
    return () => {
      stream.watchers.delete(deliver);
      // The next read leaves it out; there is no need to wake the reader for that.
      if (stream.watchers.size === 0 && this.streams.get(key) === stream) this.streams.delete(key);
    };
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      if (this.streams.size > 0) this.run();
    });
  }

  private async loop(): Promise<void> {
    while (this.streams.size > 0) {
      const keys = [...this.streams.keys()];
      const cursors = keys.map((key) => this.streams.get(key)?.after ?? "$");
      keys.push(this.wakeKey);
      cursors.push(this.wakeAfter);
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await this.reader.xread(
          "COUNT",
          READ_COUNT,
          "BLOCK",
          BLOCK_MS,
          "STREAMS",
          ...keys,
          ...cursors,
        )) as [string, [string, string[]][]][] | null;
      } catch (error) {
        // A connection that dropped: ioredis reconnects; read again after a pause.
        console.error("job event hub: reading the logs:", (error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      for (const [key, entries] of reply ?? []) {
        if (key === this.wakeKey) {
          this.wakeAfter = entries.at(-1)?.[0] ?? this.wakeAfter;
          continue;
        }
        const watched = this.streams.get(key);
        const last = entries.at(-1);
        if (!watched || !last) continue;
        watched.after = last[0];
        const parsed = entries.map(toStreamEntry);
        for (const deliver of watched.watchers) deliver(parsed);
      }
    }
  }

  /** Ends the reader's current wait, so that its next read covers a stream just added. */
  private async wakeReader(): Promise<void> {
    await this.control
      .multi()
      .xadd(this.wakeKey, "MAXLEN", "1", "*", "wake", "1")
      .pexpire(this.wakeKey, WAKE_TTL_MS)
      .exec()
      .catch((error: Error) => console.error("job event hub: waking the reader:", error.message));
  }
}

const globalForHub = globalThis as typeof globalThis & { ccwJobEventHub?: JobEventHub };

function hub(): JobEventHub {
  globalForHub.ccwJobEventHub ??= new JobEventHub();
  return globalForHub.ccwJobEventHub;
}

const readersByClient = new Map<string, number>();
let readers = 0;

/**
 * Admits one more live log reader for `client`, within the limits: each holds a response and a watcher, so a client
 * opening streams without end would exhaust the process. Returns the release, or why not.
 */
export function admitLogReader(
  client: string,
  limits: { max: number; perClient: number },
): { ok: true; release: () => void } | { ok: false; error: string } {
  const ofClient = readersByClient.get(client) ?? 0;
  if (readers >= limits.max)
    return {
      ok: false,
      error: `The dashboard is serving ${readers} live logs, its limit (LOG_READERS_MAX): close some pages, or raise the limit.`,
    };
  if (ofClient >= limits.perClient)
    return {
      ok: false,
      error: `You have ${ofClient} live logs open, the limit for one client (LOG_READERS_PER_CLIENT): close some pages or streams.`,
    };
  readers++;
  readersByClient.set(client, ofClient + 1);
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      readers--;
      const left = (readersByClient.get(client) ?? 1) - 1;
      if (left > 0) readersByClient.set(client, left);
      else readersByClient.delete(client);
    },
  };
}

/**
 * A job's log from `cursor` on: what is already there (in its stream, or moved to its folder; read in batches with
 * `redis`, which must not block), then what comes, through the process's one hub. `onEntries` gets each batch in
 * order, each entry once. Returns the function that stops following.
 */
export async function followJobEvents(
  redis: Redis,
  jobId: string,
  cursor: string,
  onEntries: (entries: JobStreamEntry[]) => Promise<void>,
  options: { batch: number; dataDir: string },
): Promise<() => void> {
  let delivered = cursor;
  let replaying = true;
  const held: JobStreamEntry[][] = [];
  let chain = Promise.resolve();
  const pass = (entries: JobStreamEntry[]) => {
    const fresh = entries.filter((entry) => isAfterStreamId(entry.cursor, delivered));
    const last = fresh.at(-1);
    if (!last) return;
    delivered = last.cursor;
    chain = chain.then(() => onEntries(fresh));
  };
  // Subscribed first, then caught up: what the hub reads meanwhile is held, and passed on after the replay.
  const unsubscribe = await hub().subscribe(jobId, (entries) => {
    if (replaying) held.push(entries);
    else pass(entries);
  });
  try {
    for await (const entries of replayJobLog(redis, options.dataDir, jobId, delivered, options.batch)) {
      pass(entries);
      await chain;
    }
  } catch (error) {
    unsubscribe();
    throw error;
  }
  replaying = false;
  for (const entries of held.splice(0)) pass(entries);
  return unsubscribe;
}
