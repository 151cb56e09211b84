import "server-only";
import { readToolRequests, type ToolRequest } from "../approvals/tool-requests";
import { getQueueRedis } from "../queue";
import { readRunRecord } from "../runs/run-record";

/** What a running job's CLI waits for a person to answer: only its current run's requests. */
export async function getJobRequests(id: string): Promise<ToolRequest[]> {
  const redis = getQueueRedis();
  const [requests, run] = await Promise.all([readToolRequests(redis, id), readRunRecord(redis, id)]);
  return requests.filter((request) => request.fence === run?.fence);
}
