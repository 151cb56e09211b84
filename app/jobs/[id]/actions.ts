"use server";

import { redirect } from "next/navigation";
import { jobMessageSchema, toolAnswerSchema } from "@/lib/approvals/tool-requests";
import { requestActor } from "@/lib/auth/actor";
import { commitInputSchema, mergeInputSchema } from "@/lib/git/change-schemas";
import { jobIdSchema } from "@/lib/job-id";
import { type FieldErrors, followUpSchema } from "@/lib/job-spec";
import { allowAndRunAgain } from "@/lib/jobs/allow-and-run-again";
import { type AnswerResult, answerJobRequest } from "@/lib/jobs/answer-job-request";
import { type CancelResult, cancelJob } from "@/lib/jobs/cancel-job";
import { type CommitResult, commitJobWork } from "@/lib/jobs/commit-job-work";
import { type DeleteResult, deleteJob } from "@/lib/jobs/delete-job";
import { discardJobWork } from "@/lib/jobs/discard-job-work";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import type { GitJobResult } from "@/lib/jobs/job-worktree-of";
import { keepJobBranch } from "@/lib/jobs/keep-job-branch";
import { type MergeJobResult, mergeJobBranch } from "@/lib/jobs/merge-job-branch";
import { interruptJob, type MessageResult, messageJob } from "@/lib/jobs/message-job";
import { type PromoteResult, promoteJob } from "@/lib/jobs/promote-job";
import { type RetryResult, retryJob } from "@/lib/jobs/retry-job";
import { jobTagsInputSchema, type SetTagsResult, setJobTags } from "@/lib/jobs/set-job-tags";

const badId = (message?: string) => ({
  ok: false as const,
  status: 404 as const,
  error: message ?? "Bad job id",
});

export async function cancelJobAction(id: string): Promise<CancelResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? cancelJob(parsed.data) : badId(parsed.error.issues[0]?.message);
}

export async function deleteJobAction(id: string): Promise<DeleteResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? deleteJob(parsed.data) : badId(parsed.error.issues[0]?.message);
}

export async function retryJobAction(id: string): Promise<RetryResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? retryJob(parsed.data) : badId(parsed.error.issues[0]?.message);
}

export async function runNowAction(id: string): Promise<PromoteResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? promoteJob(parsed.data) : badId(parsed.error.issues[0]?.message);
}

/** "Allow and run again": a new job with the refused calls allowed; on success, opens it. */
export async function allowAndRunAgainAction(id: string): Promise<{ error?: string }> {
  const parsed = jobIdSchema.safeParse(id);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Bad job id" };
  const result = await allowAndRunAgain(parsed.data);
  if (!result.ok) return { error: failureText(result) };
  redirect(`/jobs/${result.id}`);
}

export async function setJobTagsAction(
  id: string,
  tags: string,
): Promise<SetTagsResult | { ok: false; error: string }> {
  const parsedId = jobIdSchema.safeParse(id);
  if (!parsedId.success) return badId(parsedId.error.issues[0]?.message);
  const input = jobTagsInputSchema.safeParse({ tags });
  if (!input.success) return { ok: false, error: input.error.issues[0]?.message ?? "Bad tags" };
  return setJobTags(parsedId.data, input.data.tags);
}

/** The follow-up form's action: a new job resuming this one's session; on success, opens it. */
export async function followUpAction(
  id: string,
  _previous: { error?: string },
  formData: FormData,
): Promise<{ error?: string }> {
  const parsedId = jobIdSchema.safeParse(id);
  const input = followUpSchema.safeParse({ prompt: formData.get("prompt") });
  if (!parsedId.success) return { error: "Bad job id" };
  if (!input.success) return { error: input.error.issues[0]?.message };
  const result = await followUpJob(parsedId.data, input.data.prompt);
  if (!result.ok) return { error: failureText(result) };
  redirect(`/jobs/${result.id}`);
}

/** A refused new job in one line: the command's reason, or each field's. */
function failureText(result: { error: string } | { errors: FieldErrors }): string {
  return "error" in result ? result.error : Object.values(result.errors).join("; ");
}

export async function commitJobAction(id: string, message: string): Promise<CommitResult> {
  const parsedId = jobIdSchema.safeParse(id);
  if (!parsedId.success) return badId(parsedId.error.issues[0]?.message);
  const input = commitInputSchema.safeParse({ message });
  if (!input.success)
    return { ok: false, status: 400, error: input.error.issues[0]?.message ?? "Bad message" };
  return commitJobWork(parsedId.data, input.data.message);
}

export async function mergeJobAction(id: string, mode: string): Promise<MergeJobResult> {
  const parsedId = jobIdSchema.safeParse(id);
  if (!parsedId.success) return badId(parsedId.error.issues[0]?.message);
  const input = mergeInputSchema.safeParse({ mode });
  if (!input.success) return { ok: false, status: 400, error: input.error.issues[0]?.message ?? "Bad mode" };
  return mergeJobBranch(parsedId.data, input.data.mode);
}

export async function keepJobAction(id: string): Promise<GitJobResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? keepJobBranch(parsed.data) : badId(parsed.error.issues[0]?.message);
}

export async function discardJobAction(id: string): Promise<GitJobResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success ? discardJobWork(parsed.data) : badId(parsed.error.issues[0]?.message);
}

export async function answerRequestAction(
  id: string,
  requestId: string,
  answer: unknown,
): Promise<AnswerResult> {
  const parsedId = jobIdSchema.safeParse(id);
  if (!parsedId.success) return badId(parsedId.error.issues[0]?.message);
  const parsedAnswer = toolAnswerSchema.safeParse(answer);
  if (!parsedAnswer.success)
    return { ok: false, status: 409, error: parsedAnswer.error.issues[0]?.message ?? "Bad answer" };
  return answerJobRequest(parsedId.data, requestId, parsedAnswer.data, await requestActor());
}

export async function messageJobAction(id: string, text: string): Promise<MessageResult> {
  const parsedId = jobIdSchema.safeParse(id);
  if (!parsedId.success) return badId(parsedId.error.issues[0]?.message);
  const message = jobMessageSchema.safeParse({ text });
  if (!message.success)
    return { ok: false, status: 409, error: message.error.issues[0]?.message ?? "Bad message" };
  return messageJob(parsedId.data, message.data.text, await requestActor());
}

export async function interruptJobAction(id: string): Promise<MessageResult> {
  const parsed = jobIdSchema.safeParse(id);
  return parsed.success
    ? interruptJob(parsed.data, await requestActor())
    : badId(parsed.error.issues[0]?.message);
}
