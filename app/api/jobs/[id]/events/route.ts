import { getConfig } from "@/lib/config";
import { jobIdParam, jsonError, sseResponse } from "@/lib/http";
import { readJobEvents } from "@/lib/job-events";
import { isJobFinished } from "@/lib/jobs/is-job-finished";
import { createRedisConnection } from "@/lib/redis";

export const dynamic = "force-dynamic";

const CURSOR = /^(0|\d+-\d+)$/;
const BLOCK_MS = 15_000;
const BATCH = 500;
/**
 * An attempt's `end` comes a moment before BullMQ moves the job (the worker records the result first): for a while
 * after it, the route asks again this often whether the job has finished, instead of blocking for BLOCK_MS.
 */
const FINISH_POLL_MS = 50;
const FINISH_WINDOW_MS = 5_000;

/**
 * The job's CLI events as Server-Sent Events. Each event's id is its stream cursor, so a browser that reconnects
 * (sending Last-Event-ID) resumes exactly after the last line it saw: nothing lost, nothing twice.
 */
export async function GET(
  request: Request,
  context: RouteContext<"/api/jobs/[id]/events">,
): Promise<Response> {
  const id = await jobIdParam(context);
  if (id instanceof Response) return id;
  const cursor =
    request.headers.get("last-event-id") || new URL(request.url).searchParams.get("cursor") || "0";
  if (!CURSOR.test(cursor))
    return jsonError(400, `Bad cursor "${cursor}": expected 0 or a stream id like 1712-0`);

  return sseResponse(async (send, signal) => {
    // A blocking read holds its connection: each stream gets its own, closed when the client leaves.
    const redis = createRedisConnection({ name: "sse-job-events", failFast: false });
    signal.addEventListener("abort", () => redis.disconnect(), { once: true });
    let after = cursor;
    // Ended after a while on purpose: proxies cut long responses anyway, and resuming is what the cursor is for.
    const endAt = Date.now() + getConfig().sseMaxSeconds * 1000;
    await send("retry: 1000\n\n");
    let endSeenAt = Number.NEGATIVE_INFINITY;
    while (!signal.aborted && Date.now() < endAt) {
      const awaitingFinish = Date.now() - endSeenAt < FINISH_WINDOW_MS;
      const blockMs = Math.max(1, Math.min(awaitingFinish ? FINISH_POLL_MS : BLOCK_MS, endAt - Date.now()));
      const entries = await readJobEvents(redis, id, after, { count: BATCH, blockMs }).catch((error) => {
        if (signal.aborted) return [];
        throw error;
      });
      // One write per batch, not per line: a long replay is a few hundred writes, not a hundred thousand.
      let chunk = entries.length === 0 && !awaitingFinish ? ": keep-alive\n\n" : "";
      for (const entry of entries) {
        after = entry.cursor;
        chunk +=
          entry.kind === "end"
            ? `id: ${entry.cursor}\nevent: end\ndata: {}\n\n`
            : `id: ${entry.cursor}\ndata: ${entry.line}\n\n`;
      }
      if (entries.length > 0)
        endSeenAt = entries.at(-1)?.kind === "end" ? Date.now() : Number.NEGATIVE_INFINITY;
      if (chunk) await send(chunk);
      // An attempt's end is the log's end only when nothing follows it and the job will not run again; a finished
      // job with nothing more to read (cancelled before it ran, or its worker died) is done too.
      const caughtUp = entries.length === 0 || (entries.length < BATCH && entries.at(-1)?.kind === "end");
      if (caughtUp && (await isJobFinished(id))) {
        await send("event: done\ndata: {}\n\n");
        return;
      }
    }
  });
}
