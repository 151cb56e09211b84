import "server-only";
import { readFollowUps } from "../follow-ups";
import type { JobResult } from "../job-result";
import { isFinished, type JobThread, type ThreadTurn } from "../job-view";
import { getQueueRedis } from "../queue";
import { cancelledSummary, jobStateOf, toJobSummary } from "./job-summary";
import { readJobResult } from "./read-job-result";
import { readQueuedJob } from "./read-queued-job";

/** A thread longer than this shows its latest turns: the page stays quick however long a conversation grows. */
const MAX_EARLIER_TURNS = 50;

/**
 * The conversation a job is part of: the jobs it follows up, back to the first, and the follow-ups made from it.
 * A turn deleted meanwhile is left out (a parent cannot be deleted while it has follow-ups, so only a race does it).
 */
export async function readJobThread(jobId: string, parentId: string | null): Promise<JobThread> {
  const [earlier, followUps] = await Promise.all([
    readEarlierTurns(jobId, parentId),
    readFollowUps(getQueueRedis(), jobId).then((ids) => Promise.all(ids.map(readTurn))),
  ]);
  return {
    earlier,
    followUps: followUps.flatMap((turn) => (turn ? [turn.turn] : [])),
  };
}

async function readEarlierTurns(jobId: string, parentId: string | null): Promise<ThreadTurn[]> {
  const turns: ThreadTurn[] = [];
  const seen = new Set([jobId]);
  let next = parentId;
  // Each turn names the one before: the walk is one read per turn, guarded against a loop in altered data.
  while (next && !seen.has(next) && turns.length < MAX_EARLIER_TURNS) {
    seen.add(next);
    const read = await readTurn(next);
    if (!read) break;
    turns.unshift(read.turn);
    next = read.parentId;
  }
  return turns;
}

async function readTurn(id: string): Promise<{ turn: ThreadTurn; parentId: string | null } | null> {
  const { job, cancellation } = await readQueuedJob(id);
  if (!job) {
    if (!cancellation?.removed) return null;
    const summary = cancelledSummary(id, cancellation);
    const turn = {
      ...pick(summary),
      prompt: cancellation.removed.spec.prompt,
      answer: "Cancelled before it ran.",
    };
    return { turn, parentId: summary.parentJobId };
  }
  const state = jobStateOf(await job.getState(), cancellation !== undefined);
  const summary = toJobSummary(job, state);
  const answer = isFinished(state) ? answerOf(await readJobResult(id), summary.failedReason) : null;
  return { turn: { ...pick(summary), prompt: job.data.prompt, answer }, parentId: summary.parentJobId };
}

function pick({ id, label, state, createdAt }: Omit<ThreadTurn, "prompt" | "answer">) {
  return { id, label, state, createdAt };
}

/** What a finished turn said: its answer when it completed, else why it did not. */
function answerOf(result: JobResult | null, failedReason: string | null): string {
  if (!result) return failedReason ?? "It left no result.";
  if (result.outcome === "completed") return result.text ?? "It finished without a written answer.";
  return result.diagnosis?.cause ?? result.text ?? failedReason ?? `It ${result.outcome}.`;
}
