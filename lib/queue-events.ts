import "server-only";
import { QueueEvents } from "bullmq";
import { KEY_PREFIX, QUEUE_NAME } from "./queue";
import { createRedisConnection } from "./redis";

export interface JobChange {
  /** Absent for changes to the queue as a whole: paused, resumed, cleaned. */
  jobId?: string;
  event: string;
}

type Listener = (change: JobChange) => void;

const RELAYED_EVENTS = [
  "added",
  "waiting",
  "active",
  "progress",
  "completed",
  "failed",
  "removed",
  "deleted",
  "delayed",
  "stalled",
  "paused",
  "resumed",
  "cleaned",
] as const;

const globalForEvents = globalThis as typeof globalThis & {
  ccwQueueEvents?: { listeners: Set<Listener>; events: QueueEvents };
};

/**
 * Calls `listener` whenever a job changes. One QueueEvents reader per web process serves every browser tab,
 * so the number of tabs does not multiply Redis connections.
 */
export function onJobChange(listener: Listener): () => void {
  if (!globalForEvents.ccwQueueEvents) {
    const listeners = new Set<Listener>();
    const events = new QueueEvents(QUEUE_NAME, {
      connection: createRedisConnection({ name: "queue-events", failFast: false }),
      prefix: KEY_PREFIX,
    });
    events.on("error", (error) => console.error("queue events:", error.message));
    // "deleted" is our own event (published by deleteJob), which BullMQ's listener types do not know.
    const relay = events as unknown as {
      on(event: string, listener: (args: { jobId?: string }) => void): void;
    };
    for (const event of RELAYED_EVENTS) {
      relay.on(event, (args) => {
        for (const notify of listeners) notify({ jobId: args.jobId, event });
      });
    }
    globalForEvents.ccwQueueEvents = { listeners, events };
  }
  const { listeners } = globalForEvents.ccwQueueEvents;
  listeners.add(listener);
  return () => listeners.delete(listener);
}
