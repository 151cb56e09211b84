import { SESSION_COOKIE } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { jobIdParam, jsonError, sseResponse } from "@/lib/http";
import { admitLogReader, followJobEvents } from "@/lib/job-event-hub";
import type { JobStreamEntry } from "@/lib/job-events";
import { isJobFinished } from "@/lib/jobs/is-job-finished";
import { getQueueRedis } from "@/lib/queue";

export const dynamic = "force-dynamic";

const CURSOR = /^(0|\d+-\d+)$/;
const BATCH = 500;
const KEEP_ALIVE_MS = 15_000;
/**
 * An attempt's `end` comes a moment before BullMQ moves the job (the worker records the result first): for a while
 * after it, the route asks this often whether the job has finished; otherwise at each keep-alive.
 */
const FINISH_POLL_MS = 50;
/** Otherwise the loop looks at the clock (keep-alive, the stream's end) this often. */
const IDLE_POLL_MS = 1000;
const FINISH_WINDOW_MS = 5_000;

/**
 * The job's CLI events as Server-Sent Events. Each event's id is its stream cursor, so a browser that reconnects
 * (sending Last-Event-ID) resumes exactly after the last line it saw: nothing lost, nothing twice. The live part
 * comes through the web process's one reader of every watched log (lib/job-event-hub.ts).
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
  const config = getConfig();
  const admitted = admitLogReader(clientOf(request), {
    max: config.logReadersMax,
    perClient: config.logReadersPerClient,
  });
  if (!admitted.ok) return jsonError(503, admitted.error);

  return sseResponse(async (send, signal) => {
    let stopFollowing: (() => void) | undefined;
    try {
      // Ended after a while on purpose: proxies cut long responses anyway, and resuming is what the cursor is for.
      const endAt = Date.now() + config.sseMaxSeconds * 1000;
      await send("retry: 1000\n\n");
      let endSeenAt = Number.NEGATIVE_INFINITY;
      let sentAt = Date.now();
      // The loop below sleeps between its checks; a run's end wakes it, so that done follows it closely.
      let wake: (() => void) | undefined;
      signal.addEventListener("abort", () => wake?.(), { once: true });
      const onEntries = async (entries: JobStreamEntry[]) => {
        // One write per batch, not per line: a long replay is a few hundred writes, not a hundred thousand.
        let chunk = "";
        for (const entry of entries)
          chunk +=
            entry.kind === "end"
              ? `id: ${entry.cursor}\nevent: end\ndata: {}\n\n`
              : `id: ${entry.cursor}\ndata: ${entry.line}\n\n`;
        const ended = entries.at(-1)?.kind === "end";
        endSeenAt = ended ? Date.now() : Number.NEGATIVE_INFINITY;
        sentAt = Date.now();
        await send(chunk);
        if (ended) wake?.();
      };
      stopFollowing = await followJobEvents(getQueueRedis(), id, cursor, onEntries, {
        batch: BATCH,
        dataDir: config.dataDir,
      });
      // An attempt's end is the log's end only when the job will not run again; a finished job with nothing more to
      // read (cancelled before it ran, or its worker died) is done too. Asked once caught up, then from time to time.
      let checkedAt = 0;
      while (!signal.aborted && Date.now() < endAt) {
        const now = Date.now();
        const soon = now - endSeenAt < FINISH_WINDOW_MS;
        if ((checkedAt === 0 || soon || now - checkedAt >= KEEP_ALIVE_MS) && (await isJobFinished(id))) {
          await send("event: done\ndata: {}\n\n");
          return;
        }
        checkedAt = now;
        if (Date.now() - sentAt >= KEEP_ALIVE_MS) {
          sentAt = Date.now();
          await send(": keep-alive\n\n");
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, soon ? FINISH_POLL_MS : IDLE_POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      stopFollowing?.();
      admitted.release();
    }
  });
}

/** Whom a stream is for, for the per-client limit: the login session or the API token, else everyone alike. */
function clientOf(request: Request): string {
  const cookies = request.headers.get("cookie") ?? "";
  const session = cookies
    .split(/;\s*/)
    .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  return session ?? request.headers.get("authorization") ?? "open access";
}
