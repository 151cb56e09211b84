import { readJobCounters } from "@/lib/metrics/job-metrics";
import { prometheusText } from "@/lib/metrics/prometheus-text";
import { getJobQueue, getQueueRedis } from "@/lib/queue";
import { readWorkerStatuses } from "@/lib/worker-status";

export const dynamic = "force-dynamic";

/** Prometheus' text format: BullMQ's own queue counts, and ours (jobs by outcome and diagnosis, cost, tokens, workers). */
export async function GET(): Promise<Response> {
  try {
    const redis = getQueueRedis();
    const [queue, counters, workers] = await Promise.all([
      getJobQueue().exportPrometheusMetrics(),
      readJobCounters(redis),
      readWorkerStatuses(redis),
    ]);
    return new Response(`${queue.trimEnd()}\n${prometheusText(counters, workers.length)}`, {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    });
  } catch (error) {
    return new Response(`# Redis cannot be reached: ${(error as Error).message}\n`, { status: 503 });
  }
}
