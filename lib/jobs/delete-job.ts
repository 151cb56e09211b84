import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { QueueEventsProducer } from "bullmq";
import { forgetToolRequests } from "../approvals/tool-requests";
import { clearCancellation, readCancellations } from "../cancellations";
import { getConfig } from "../config";
import { forgetFollowUps, readFollowUps } from "../follow-ups";
import { countOf } from "../format";
import { jobEventsKey } from "../job-events";
import { jobPaths } from "../job-paths";
import { getJobQueue, getQueueRedis, KEY_PREFIX, QUEUE_NAME } from "../queue";
import { deleteRunRecord } from "../runs/run-record";
import { releaseJobWorktree } from "./release-job-worktree";

export type DeleteResult =
  | { ok: true }
  /** `followUps`: the jobs that keep this one, when they are why it cannot go. */
  | { ok: false; status: 404 | 409; error: string; followUps?: string[] };

/** The queue's events stream keeps about this many entries, as BullMQ's own default does. */
const QUEUE_EVENTS_MAX_LEN = 10_000;

/**
 * Deletes a job that is not running: its queue record, its log stream, its cancel record and its folder, and in a
 * git repository its checkout and (unless kept or merged) its branch.
 *
 * The folder is first moved aside within DATA_DIR (one atomic rename), so that a failure before the queue record is
 * gone puts it back, and a job is never listed without its folder nor its folder left without a job.
 */
export async function deleteJob(id: string): Promise<DeleteResult> {
  const redis = getQueueRedis();
  const queue = getJobQueue();
  const [job, cancellations, followUps] = await Promise.all([
    queue.getJob(id),
    readCancellations(redis, [id]),
    readFollowUps(redis, id),
  ]);
  const cancellation = cancellations.get(id);
  if (!job && !cancellation?.removed)
    return { ok: false, status: 404, error: `There is no job ${id}: it may have been deleted already.` };
  if (job && (await job.getState()) === "active")
    return { ok: false, status: 409, error: "The job is running: cancel it first, then delete it." };
  if (followUps.length > 0) {
    return {
      ok: false,
      status: 409,
      error:
        followUps.length === 1
          ? "1 follow-up of this job runs in its working directory: delete it first."
          : `${countOf(followUps.length, "follow-up")} of this job run in its working directory: delete them first.`,
      followUps,
    };
  }

  const spec = job?.data ?? cancellation?.removed?.spec;
  // Before the folder moves: git must find the checkout where it made it.
  if (spec) await releaseJobWorktree(id, spec);
  const { dataDir } = getConfig();
  const folder = jobPaths(dataDir, id).dir;
  const trash = path.join(dataDir, "trash", `${id}-${randomUUID()}`);
  await mkdir(path.dirname(trash), { recursive: true });
  const movedAside = await rename(folder, trash).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  try {
    if (job) await job.remove();
  } catch {
    if (movedAside) await rename(trash, folder);
    return {
      ok: false,
      status: 409,
      error: "A worker took the job meanwhile: cancel it first, then delete it.",
    };
  }
  const parentId = job?.data.parentJobId ?? cancellation?.removed?.spec.parentJobId ?? null;
  await Promise.all([
    redis.del(jobEventsKey(id)),
    deleteRunRecord(redis, id),
    clearCancellation(redis, id),
    forgetToolRequests(redis, id),
    forgetFollowUps(redis, id, parentId),
  ]);
  if (movedAside) await rm(trash, { recursive: true, force: true });
  await announceDeletion(id);
  return { ok: true };
}

/** Tells every open dashboard, through the queue's own event stream, that a job is gone. */
async function announceDeletion(jobId: string): Promise<void> {
  const producer = new QueueEventsProducer(QUEUE_NAME, { connection: getQueueRedis(), prefix: KEY_PREFIX });
  try {
    await producer.publishEvent({ eventName: "deleted", jobId }, QUEUE_EVENTS_MAX_LEN);
  } finally {
    await producer.close();
  }
}
