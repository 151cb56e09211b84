"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { answerRequestAction } from "@/app/jobs/[id]/actions";
import type { ToolAnswer, ToolRequest } from "@/lib/approvals/tool-requests";
import { askUserQuestionInputSchema } from "@/lib/cli/control-protocol";
import { formatDuration } from "@/lib/format";
import { type JobDetail, needsPerson } from "@/lib/job-view";
import { button, dangerButton } from "./button-styles";
import { fetchJson } from "./fetch-json";
import { useNow } from "./use-now";

/**
 * What the running job's CLI waits for a person to answer, at the top of its page: each tool it wants to run, with
 * its input in full and where, to allow once, allow for the rest of the job, or refuse with a word to the model; and
 * AskUserQuestion's questions, to answer.
 */
export function JobRequests({ job }: { job: JobDetail }) {
  const asking = needsPerson(job);
  const { data } = useQuery({
    queryKey: [
      "jobs",
      job.id,
      "requests",
      job.progress?.openRequests?.map((open) => open.requestId).join(","),
    ],
    queryFn: () => fetchJson<{ requests: ToolRequest[] }>(`/api/jobs/${job.id}/requests`),
    enabled: asking,
  });
  // Kept here, not on the card: an answer that came too late closes the card it was given on.
  const [refusal, setRefusal] = useState<string>();
  const requests = asking ? (data?.requests ?? []) : [];
  if (requests.length === 0 && !refusal) return null;
  return (
    <section aria-label="Waiting for you" className="space-y-3">
      {refusal && (
        <p
          role="alert"
          data-testid="answer-refused"
          className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <span className="flex-1">{refusal}</span>
          <button
            type="button"
            className="text-xs underline"
            aria-label="Dismiss"
            onClick={() => setRefusal(undefined)}
          >
            Dismiss
          </button>
        </p>
      )}
      {requests.map((request) => (
        <RequestCard key={request.requestId} jobId={job.id} request={request} onAnswered={setRefusal} />
      ))}
    </section>
  );
}

function RequestCard({
  jobId,
  request,
  onAnswered,
}: {
  jobId: string;
  request: ToolRequest;
  /** With why the answer was not taken, or undefined when it was. */
  onAnswered: (refusal: string | undefined) => void;
}) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState("");
  const now = useNow(true, 1000);
  const send = (answer: ToolAnswer) =>
    startTransition(async () => {
      const result = await answerRequestAction(jobId, request.requestId, answer);
      onAnswered(result.ok ? undefined : result.error);
      await queryClient.invalidateQueries({ queryKey: ["jobs", jobId] });
    });
  const left = Math.max(0, request.expiresAt - now);
  return (
    <div
      data-testid="job-request"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <p className="font-medium">
        {request.kind === "question" ? "Claude asks you" : `Claude wants to use ${request.toolName}`}
        {request.description && request.kind === "tool" ? `: ${request.description}` : ""}
      </p>
      {request.kind === "question" ? (
        <QuestionForm request={request} pending={pending} onAnswer={send} />
      ) : (
        <>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded border border-amber-200 bg-white p-2 font-mono text-xs text-zinc-900 dark:border-amber-900 dark:bg-zinc-950 dark:text-zinc-100">
            {typeof request.input.command === "string"
              ? request.input.command
              : JSON.stringify(request.input, null, 2)}
          </pre>
          {request.cwd && <p className="text-xs [overflow-wrap:anywhere]">In {request.cwd}</p>}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={button}
              disabled={pending}
              onClick={() => send({ decision: "allow" })}
            >
              Allow once
            </button>
            {request.suggestions.length > 0 && (
              <button
                type="button"
                className={button}
                disabled={pending}
                onClick={() => send({ decision: "allow-always" })}
              >
                Allow for the rest of this job
              </button>
            )}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <label className="min-w-0 flex-1 basis-64">
              <span className="block text-xs">A word to Claude, if you refuse (optional)</span>
              <input
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                className="w-full rounded-md border border-amber-300 bg-white px-2 py-1 text-zinc-900 dark:border-amber-800 dark:bg-zinc-950 dark:text-zinc-100"
              />
            </label>
            <button
              type="button"
              className={`${button} ${dangerButton}`}
              disabled={pending}
              onClick={() => send({ decision: "deny", message })}
            >
              Refuse
            </button>
          </div>
        </>
      )}
      <p className="text-xs">Refused unanswered in {formatDuration(left)}.</p>
    </div>
  );
}

function QuestionForm({
  request,
  pending,
  onAnswer,
}: {
  request: ToolRequest;
  pending: boolean;
  onAnswer: (answer: ToolAnswer) => void;
}) {
  const input = askUserQuestionInputSchema.safeParse(request.input);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  if (!input.success) return <pre className="text-xs">{JSON.stringify(request.input, null, 2)}</pre>;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer({ decision: "answer", answers });
      }}
    >
      {input.data.questions.map((question) => (
        <fieldset key={question.question} className="space-y-1">
          <legend className="font-medium">{question.question}</legend>
          {question.options.map((option) => (
            <label key={option.label} className="flex items-baseline gap-2">
              <input
                type="radio"
                name={question.question}
                checked={answers[question.question] === option.label}
                onChange={() => setAnswers({ ...answers, [question.question]: option.label })}
              />
              <span>
                {option.label}
                {option.description && <span className="text-xs"> — {option.description}</span>}
              </span>
            </label>
          ))}
          <input
            aria-label={`Another answer to: ${question.question}`}
            placeholder="Or write your own answer"
            onChange={(event) => setAnswers({ ...answers, [question.question]: event.target.value })}
            className="w-full rounded-md border border-amber-300 bg-white px-2 py-1 text-zinc-900 dark:border-amber-800 dark:bg-zinc-950 dark:text-zinc-100"
          />
        </fieldset>
      ))}
      <button type="submit" className={button} disabled={pending}>
        Answer
      </button>
    </form>
  );
}
