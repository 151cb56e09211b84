"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { mcpServerProblems } from "@/lib/cli/mcp-server-problems";
import { jobRefusalAdvice, rulesToAllow } from "@/lib/cli/refusal-advice";
import { formatBytes, formatCost, formatDuration } from "@/lib/format";
import type { JobResult } from "@/lib/job-result";
import { isFinished, type JobDetail, jobTitle, needsPerson } from "@/lib/job-view";
import { attemptStatus } from "@/lib/jobs/attempt-status";
import { AllowAndRunAgain } from "./allow-and-run-again";
import { CopyButton } from "./copy-button";
import { DisclosureButton } from "./disclosure-button";
import { fetchJson } from "./fetch-json";
import { FileTree } from "./file-tree";
import { FollowUpForm, JobActions } from "./job-actions";
import { JobChanges } from "./job-changes";
import { JobLog } from "./job-log";
import { JobMessageForm } from "./job-message-form";
import { JobRequests } from "./job-requests";
import { JobTags } from "./job-tags";
import { JobThread } from "./job-thread";
import { LiveProgress } from "./live-progress";
import { StateBadge } from "./state-badge";
import { useDocumentTitle } from "./use-document-title";
import { useNow } from "./use-now";

const FAILED_PANEL =
  "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200";
/** Amber: the job was stopped, or ran without something it should have had. */
const WARNING_PANEL =
  "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100";

export function JobDetailView({ initial }: { initial: JobDetail }) {
  const { data: job, error } = useQuery({
    queryKey: ["jobs", initial.id],
    queryFn: () => fetchJson<JobDetail>(`/api/jobs/${initial.id}`),
    initialData: initial,
  });
  const now = useNow(job.state === "active" || job.state === "delayed");
  const status = attemptStatus(job.attempt, job.state, now, job.hold);
  useDocumentTitle(jobTitle(job));
  const duration = job.startedAt ? (job.finishedAt ?? now) - job.startedAt : undefined;
  const progress = job.progress;
  const refusals = jobRefusalAdvice(job);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-start gap-3">
          <StateBadge state={job.state} needsYou={needsPerson(job)} />
          <h1 className="min-w-0 flex-1 basis-64 text-xl font-semibold [overflow-wrap:anywhere]">
            {job.label}
          </h1>
          <span className="ml-auto">
            <JobActions job={job} />
          </span>
        </div>
        {/* A title cut from the prompt's start says less than the prompt: then the prompt shows too. */}
        {job.label !== job.spec.prompt.trim() && <JobPrompt prompt={job.spec.prompt} />}
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <Stat label="Tags" value={<JobTags key={job.tags.join()} jobId={job.id} tags={job.tags} />} />
          <Stat label="Created" value={new Date(job.createdAt).toLocaleString()} />
          {job.startedAt && <Stat label="Started" value={new Date(job.startedAt).toLocaleString()} />}
          {job.finishedAt && <Stat label="Finished" value={new Date(job.finishedAt).toLocaleString()} />}
          <Stat label="Duration" value={duration === undefined ? "—" : formatDuration(duration)} />
          <Stat label="Turns" value={String(progress?.turns ?? "—")} />
          <Stat
            label="Tokens"
            value={progress ? `${progress.inputTokens} in / ${progress.outputTokens} out` : "—"}
          />
          <Stat label="Cost" value={formatCost(progress?.costUsd)} />
          <Stat label="Model" value={progress?.model ?? job.spec.model ?? "default"} />
          {progress?.sessionId && (
            <Stat label="Session" value={progress.sessionId}>
              <CopyButton text={progress.sessionId} label="the session id" />
            </Stat>
          )}
          {progress?.cliVersion && <Stat label="CLI" value={progress.cliVersion} />}
          {progress?.settingSources && (
            <Stat
              label="Settings"
              value={
                progress.settingSources.includes("project")
                  ? "yours and the directory's (trusted)"
                  : "yours only (the directory is not trusted)"
              }
            />
          )}
          {progress?.isolation && (
            <Stat
              label="Isolation"
              value={
                progress.isolation === "sandbox"
                  ? "sandboxed (sees its own folder only)"
                  : "none (can read the dashboard's data)"
              }
            />
          )}
          {progress?.mcpServers && progress.mcpServers.length > 0 && (
            <Stat
              label="MCP servers"
              value={progress.mcpServers
                .map(
                  (server) => `${server.name} (${[server.status, server.source].filter(Boolean).join(", ")})`,
                )
                .join(", ")}
            />
          )}
          <Stat
            label="Directory"
            value={job.workingDirectory ?? (job.parentJobId ? "the parent job's" : "scratch workspace")}
          />
          {progress?.git && (
            <Stat
              label="Branch"
              value={
                <span data-testid="job-branch">
                  <span className="font-mono">{progress.git.branch}</span>, from{" "}
                  <span className="font-mono">{progress.git.base}</span>{" "}
                  <span className="font-mono text-zinc-500 dark:text-zinc-400">
                    ({progress.git.baseCommit.slice(0, 7)})
                  </span>
                </span>
              }
            >
              <CopyButton text={progress.git.branch} label="the branch name" />
            </Stat>
          )}
          {job.parentJobId && (
            <Stat
              label="Follows up"
              value={
                <Link
                  href={`/jobs/${job.parentJobId}`}
                  className="text-indigo-700 underline dark:text-indigo-300"
                >
                  {job.thread.earlier.at(-1)?.label ?? job.parentJobId}
                </Link>
              }
            />
          )}
          {job.queueUrl && (
            <a href={job.queueUrl} className="text-indigo-700 underline dark:text-indigo-300">
              Open in bull-board
            </a>
          )}
          {progress && progress.apiRetries > 0 && (
            <Stat
              label="API retries"
              value={`${progress.apiRetries} (last: ${progress.lastApiError ?? "unknown"})`}
            />
          )}
        </dl>
        {status && (
          <p
            data-testid="attempt-status"
            suppressHydrationWarning
            className="text-sm font-medium text-zinc-700 dark:text-zinc-300"
          >
            {status}
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error.message}
          </p>
        )}
      </header>

      <JobRequests job={job} />
      <JobMessageForm job={job} />

      <JobThread job={job} now={now} />
      <LiveProgress job={job} now={now} />
      {job.earlierResults.length > 0 && (
        <details
          data-testid="earlier-attempts"
          open={!isFinished(job.state)}
          className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800"
        >
          <summary className="cursor-pointer font-medium">
            {job.earlierResults.length} earlier attempt{job.earlierResults.length > 1 ? "s" : ""}
          </summary>
          <ol className="mt-2 space-y-1">
            {job.earlierResults.map((earlier, index) => (
              <li key={earlier.attempt ?? index} className="text-zinc-700 dark:text-zinc-300">
                {attemptLine(earlier, index + 1)}
              </li>
            ))}
          </ol>
        </details>
      )}

      {job.state === "cancelled" && !job.result && (
        <section data-testid="diagnosis" className={`rounded-lg border p-4 text-sm ${WARNING_PANEL}`}>
          <p className="font-semibold">The job was cancelled before it ran.</p>
        </section>
      )}
      {job.result?.diagnosis && (
        <section
          role="alert"
          data-testid="diagnosis"
          className={`rounded-lg border p-4 text-sm ${job.result.outcome === "cancelled" ? WARNING_PANEL : FAILED_PANEL}`}
        >
          <p className="font-semibold">{job.result.diagnosis.cause}</p>
          <p className="mt-1">{job.result.diagnosis.fix}</p>
          {job.result.text && (
            <pre className="mt-3 whitespace-pre-wrap font-mono text-xs">{job.result.text}</pre>
          )}
        </section>
      )}
      {mcpServerProblems(progress?.mcpServers).map((problem) => (
        <section
          key={problem.servers.join()}
          role="status"
          data-testid="mcp-problem"
          className={`rounded-lg border p-4 text-sm ${WARNING_PANEL}`}
        >
          <p className="font-semibold">{problem.cause}</p>
          <p className="mt-1">{problem.fix}</p>
        </section>
      ))}
      {refusals.length > 0 && (
        <section
          role="status"
          data-testid="permission-denials"
          className={`rounded-lg border p-4 text-sm ${WARNING_PANEL}`}
        >
          <p className="font-semibold">
            The permission mode ({job.spec.permissionMode}) refused {refusals.length} tool call
            {refusals.length > 1 ? "s" : ""}: that work was not done.
          </p>
          <ul className="mt-2 space-y-2">
            {refusals.map((refusal, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the result's refusals never reorder
              <li key={index} data-testid="refusal">
                <p className="break-words font-mono text-xs">
                  <span className="font-semibold">{refusal.tool}</span> {refusal.target}
                </p>
                <p className="mt-0.5">{refusal.advice}</p>
              </li>
            ))}
          </ul>
          {job.state === "completed" && (
            <AllowAndRunAgain jobId={job.id} rules={rulesToAllow(refusals, job.spec.allowedTools)} />
          )}
        </section>
      )}
      {job.result?.outcome === "completed" && job.result.text && (
        <section className="rounded-lg border border-green-300 bg-green-50 p-4 text-sm dark:border-green-900 dark:bg-green-950">
          <div className="flex items-start gap-2">
            <p data-testid="result" className="min-w-0 flex-1 whitespace-pre-wrap">
              {job.result.text}
            </p>
            <CopyButton text={job.result.text} label="the result" />
          </div>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0">
          <h2 className="mb-2 text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Log</h2>
          <JobLog
            jobId={job.id}
            attempt={job.startedAt ?? 0}
            live={!isFinished(job.state)}
            cancelled={job.state === "cancelled"}
            earlier={job.earlierResults.map((earlier, index) => ({
              number: earlier.attempt ?? index + 1,
              outcome: earlier.outcome,
            }))}
          />
          {job.stderr && job.stderr.size > 0 && (
            <details data-testid="stderr" className="mt-4 text-sm">
              <summary className="cursor-pointer text-zinc-500 dark:text-zinc-400">
                stderr ({formatBytes(job.stderr.size)}
                {job.stderr.size > job.stderr.text.length ? ", the end shown" : ""})
              </summary>
              <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded border border-zinc-200 p-2 font-mono text-xs dark:border-zinc-800">
                {job.stderr.text}
              </pre>
              <a
                href={`/api/jobs/${job.id}/stderr`}
                className="text-xs text-zinc-500 dark:text-zinc-400 underline"
              >
                Open the whole stderr.log
              </a>
            </details>
          )}
        </div>
        <section aria-label="Files" className="min-w-0">
          <h2 className="mb-2 text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Files</h2>
          {job.filesRefused ? (
            <p
              role="alert"
              data-testid="files-refused"
              className="rounded-md border border-red-300 p-3 text-sm [overflow-wrap:anywhere] dark:border-red-800"
            >
              {job.filesRefused}
            </p>
          ) : (
            <FileTree jobId={job.id} files={job.files} />
          )}
          <div className="mt-6">
            <FollowUpForm job={job} />
          </div>
        </section>
      </div>

      <section aria-label="Changes" className="min-w-0">
        <h2 className="mb-2 text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Changes</h2>
        <JobChanges job={job} />
      </section>
    </div>
  );
}

/** The whole prompt, under the title: a few lines of it, the rest a click away. */
function JobPrompt({ prompt }: { prompt: string }) {
  const [open, setOpen] = useState(false);
  const long = prompt.length > PROMPT_FOLD_CHARS || prompt.split("\n").length > PROMPT_FOLD_LINES;
  return (
    <div data-testid="job-prompt" className="text-sm text-zinc-700 dark:text-zinc-300">
      <p className={`whitespace-pre-wrap [overflow-wrap:anywhere] ${long && !open ? "line-clamp-3" : ""}`}>
        {prompt}
      </p>
      <span className="mr-2 inline-block">
        <CopyButton text={prompt} label="the prompt" />
      </span>
      {long && (
        <DisclosureButton open={open} onToggle={() => setOpen(!open)}>
          {open ? "Show less" : "Show the whole prompt"}
        </DisclosureButton>
      )}
    </div>
  );
}

const PROMPT_FOLD_CHARS = 300;
const PROMPT_FOLD_LINES = 3;

function Stat({ label, value, children }: { label: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex items-center gap-1">
      <dt>{label}:</dt>
      {/* Times and durations: the server renders them with its own clock and time zone. */}
      <dd
        className="[overflow-wrap:anywhere] font-medium text-zinc-900 dark:text-zinc-100"
        suppressHydrationWarning
      >
        {value}
      </dd>
      {children}
    </div>
  );
}

/** One earlier run in a line: how it ended and why, what it cost. */
function attemptLine(result: JobResult, position: number): string {
  const number = result.attempt ?? position;
  const why = result.diagnosis?.cause ?? result.text ?? "";
  const cost = result.costUsd === undefined ? "" : ` (${formatCost(result.costUsd)})`;
  return `Attempt ${number} ${result.outcome}${why ? `: ${why}` : ""}${cost}`;
}
