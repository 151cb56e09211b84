import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { isFinished, type JobDetail, jobDetailSchema } from "@/lib/job-view";
import { SseParser } from "@/lib/sse-parser";
import { type ApiClient, ApiError } from "./api-client";

/** Without `follow`, a running job's log is read until it has been quiet this long: what there is so far. */
const CAUGHT_UP_MS = 1000;
/** Waits this long before reconnecting after a drop, doubling to a limit. */
const RECONNECT_MS = 500;
const RECONNECT_MAX_MS = 8000;

/**
 * Reads a job's log from its start and, with `follow`, as it grows until the job has ended, resuming after a drop
 * from the last cursor it saw (nothing lost, nothing twice). Returns the job as it ended, or as it is.
 */
export async function readJobLog(
  client: ApiClient,
  id: string,
  onLine: (line: CliLine) => void,
  { follow, onReconnect }: { follow: boolean; onReconnect?: (attempt: number) => void },
): Promise<JobDetail> {
  let cursor = "";
  let drops = 0;
  for (;;) {
    const quiet = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const stillReading = () => {
      if (follow) return;
      clearTimeout(timer);
      timer = setTimeout(() => quiet.abort(), CAUGHT_UP_MS);
    };
    try {
      stillReading();
      const response = await client.fetch(
        "GET",
        `/api/jobs/${id}/events`,
        undefined,
        cursor ? { "last-event-id": cursor } : {},
        quiet.signal,
      );
      drops = 0;
      const parser = new SseParser();
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        stillReading();
        for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
          if (event.lastEventId) cursor = event.lastEventId;
          if (event.event !== "end") {
            onLine(parseCliLine(event.data));
            continue;
          }
          // A run's log ended: the job may still run again (a retry), or wait for its next run.
          const job = await client.request("GET", `/api/jobs/${id}`, jobDetailSchema);
          if (isFinished(job.state) || !follow) return job;
        }
      }
    } catch (error) {
      if (quiet.signal.aborted) return client.request("GET", `/api/jobs/${id}`, jobDetailSchema);
      if (error instanceof ApiError && error.status !== null) throw error;
      drops += 1;
      onReconnect?.(drops);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(RECONNECT_MAX_MS, RECONNECT_MS * 2 ** (drops - 1))),
      );
      continue;
    } finally {
      clearTimeout(timer);
    }
    // The server ends a stream after a while on purpose: a finished job has said all, a running one goes on.
    const job = await client.request("GET", `/api/jobs/${id}`, jobDetailSchema);
    if (!follow || isFinished(job.state)) return job;
  }
}
