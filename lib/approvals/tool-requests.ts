import type { Redis } from "ioredis";
import { z } from "zod";
import { KEY_PREFIX } from "../queue";

/**
 * A request of a running job's CLI that waits for a person: a tool to allow or refuse, or AskUserQuestion's
 * questions. Kept in Redis while it is open, so a reload or a second browser shows it; answers go to the worker that
 * runs the attempt through the job's answer stream.
 */
export const toolRequestSchema = z.object({
  requestId: z.string(),
  /** The run that asked: an answer reaches only the CLI that is still waiting for it. */
  fence: z.string(),
  kind: z.enum(["tool", "question"]),
  toolName: z.string(),
  input: z.record(z.string(), z.unknown()),
  description: z.string().optional(),
  /** What the CLI offers to allow for the rest of the job ("always"), as it sent it. */
  suggestions: z.array(z.looseObject({ type: z.string() })),
  /** Where the tool would run. */
  cwd: z.string().optional(),
  askedAt: z.number(),
  /** When it is refused unanswered. */
  expiresAt: z.number(),
});
export type ToolRequest = z.infer<typeof toolRequestSchema>;

/** A person's answer to a request: one schema for the page, the API and the worker. */
export const toolAnswerSchema = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("allow") }),
  /** Allow, and what the CLI suggested for the rest of the job. */
  z.strictObject({ decision: z.literal("allow-always") }),
  z.strictObject({
    decision: z.literal("deny"),
    message: z
      .string()
      .trim()
      .max(2000, { error: "The message to the model is too long: at most 2,000 characters" })
      .default(""),
  }),
  z.strictObject({
    decision: z.literal("answer"),
    answers: z.record(
      z.string(),
      z.string().max(10_000, { error: "An answer is too long: at most 10,000 characters" }),
    ),
  }),
]);
export type ToolAnswer = z.infer<typeof toolAnswerSchema>;

const keysOf = (jobId: string) => ({
  requests: `${KEY_PREFIX}:job:${jobId}:requests`,
  answered: `${KEY_PREFIX}:job:${jobId}:answered`,
  answers: `${KEY_PREFIX}:job:${jobId}:answers`,
});

/** The worker keeps a request open while its CLI waits. */
export async function openToolRequest(redis: Redis, jobId: string, request: ToolRequest): Promise<void> {
  await redis.hset(keysOf(jobId).requests, request.requestId, JSON.stringify(request));
}

/**
 * Answered, withdrawn, timed out or its run over: it is no longer shown. Who answered is kept (with the job), so an
 * answer that comes later still learns whose was taken.
 */
export async function closeToolRequests(redis: Redis, jobId: string, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await redis.hdel(keysOf(jobId).requests, ...requestIds);
}

/**
 * A dead run's requests (its worker died with them open) are no one's to answer: taken off the page, and returned so
 * the job's log can say what became of them.
 */
export async function withdrawRunRequests(
  redis: Redis,
  jobId: string,
  fence: string,
): Promise<ToolRequest[]> {
  const withdrawn = (await readToolRequests(redis, jobId)).filter((request) => request.fence === fence);
  await closeToolRequests(
    redis,
    jobId,
    withdrawn.map((request) => request.requestId),
  );
  return withdrawn;
}

/** How many of these jobs have a request open, in one round trip. */
export async function countAskingJobs(redis: Redis, jobIds: readonly string[]): Promise<number> {
  if (jobIds.length === 0) return 0;
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hlen(keysOf(id).requests);
  const replies = (await pipeline.exec()) ?? [];
  return replies.filter(([error, open]) => !error && Number(open) > 0).length;
}

/** Which of these jobs have a request open, in one round trip. */
export async function askingJobIds(redis: Redis, jobIds: readonly string[]): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hlen(keysOf(id).requests);
  const replies = (await pipeline.exec()) ?? [];
  return jobIds.filter((_, index) => {
    const [error, open] = replies[index] ?? [];
    return !error && Number(open) > 0;
  });
}

export async function readToolRequests(redis: Redis, jobId: string): Promise<ToolRequest[]> {
  const stored = await redis.hvals(keysOf(jobId).requests);
  return stored
    .flatMap((text) => {
      const parsed = toolRequestSchema.safeParse(JSON.parse(text));
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => a.askedAt - b.askedAt);
}

/**
 * Records a person's answer, once: of two answers at once, one is taken and the other told so. Done in one script,
 * so the check and the record cannot interleave.
 */
const ANSWER_SCRIPT = `
local by = redis.call('HGET', KEYS[2], ARGV[1])
if by then return {-1, by} end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return {0} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', 1000, '*', 'request', ARGV[1], 'answer', ARGV[2], 'by', ARGV[3])
return {1}`;

/** `answeredBy`: whose answer was taken instead. */
export type RecordAnswerResult = "recorded" | { answeredBy: string } | "not-open";

export async function recordToolAnswer(
  redis: Redis,
  jobId: string,
  requestId: string,
  answer: ToolAnswer,
  by: string,
): Promise<RecordAnswerResult> {
  const keys = keysOf(jobId);
  const [done, answeredBy] = (await redis.eval(
    ANSWER_SCRIPT,
    3,
    keys.requests,
    keys.answered,
    keys.answers,
    requestId,
    JSON.stringify(answer),
    by,
  )) as [number, string?];
  return done === 1 ? "recorded" : done === -1 ? { answeredBy: answeredBy ?? "" } : "not-open";
}

/** A deleted job's requests and answers go with it. */
export async function forgetToolRequests(redis: Redis, jobId: string): Promise<void> {
  const keys = keysOf(jobId);
  await redis.del(keys.requests, keys.answered, keys.answers);
}

/** What a person sends a running job besides answers: a message (its next user turn), or an interrupt. */
export const jobMessageSchema = z.strictObject({
  text: z
    .string({ error: "Write a message" })
    .trim()
    .min(1, { error: "Write a message" })
    .max(100_000, { error: "The message is too long: at most 100,000 characters" }),
});

/** `by`: who sent it, as the proxy named them (see lib/auth/access.ts). */
export type JobInput = { by: string } & (
  | { kind: "answer"; requestId: string; answer: ToolAnswer }
  | { kind: "message"; text: string }
  | { kind: "interrupt" }
);

/** A message or an interrupt for the worker that runs the job, in the same stream as answers, so their order holds. */
export async function recordJobInput(
  redis: Redis,
  jobId: string,
  input: Exclude<JobInput, { kind: "answer" }>,
): Promise<void> {
  await redis.xadd(keysOf(jobId).answers, "MAXLEN", "~", 1000, "*", "input", JSON.stringify(input));
}

/** What was sent to the job after `after` (a stream id), in order, for the worker that runs it. */
export async function readJobInputs(
  redis: Redis,
  jobId: string,
  after: string,
): Promise<{ id: string; input: JobInput }[]> {
  const read = (await redis.xread("COUNT", 100, "STREAMS", keysOf(jobId).answers, after)) as
    | [string, [string, string[]][]][]
    | null;
  return (read?.[0]?.[1] ?? []).flatMap(([id, fields]): { id: string; input: JobInput }[] => {
    const value = (name: string) => (fields.includes(name) ? fields[fields.indexOf(name) + 1] : undefined);
    const other = value("input");
    if (other !== undefined) {
      const parsed = JSON.parse(other) as JobInput;
      return parsed.kind === "message" || parsed.kind === "interrupt" ? [{ id, input: parsed }] : [];
    }
    const answer = toolAnswerSchema.safeParse(JSON.parse(value("answer") ?? "null"));
    const requestId = value("request");
    return answer.success && requestId
      ? [{ id, input: { kind: "answer", requestId, answer: answer.data, by: value("by") ?? "" } }]
      : [];
  });
}

/** Where a run starts reading answers: after everything already in the stream. */
export async function lastToolAnswerId(redis: Redis, jobId: string): Promise<string> {
  const last = (await redis.xrevrange(keysOf(jobId).answers, "+", "-", "COUNT", 1)) as [string, string[]][];
  return last[0]?.[0] ?? "0-0";
}
