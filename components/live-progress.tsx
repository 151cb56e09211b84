"use client";

import { formatDuration } from "@/lib/format";
import type { JobDetail } from "@/lib/job-view";

/** What a running job is doing now, how long since it last said anything, and how far it is into its limits. */
export function LiveProgress({ job, now }: { job: JobDetail; now: number }) {
  const progress = job.progress;
  if (job.state !== "active" || !job.startedAt) return null;
  const elapsed = now - job.startedAt;
  return (
    <section
      data-testid="live-progress"
      aria-label="Progress"
      className="space-y-2 rounded-lg border border-blue-200 bg-blue-50/50 p-3 text-sm dark:border-blue-900 dark:bg-blue-950/30"
    >
      <p data-testid="current-step" className="flex flex-wrap items-center gap-x-2">
        <span aria-hidden className="size-2 shrink-0 animate-pulse rounded-full bg-blue-500" />
        {progress?.currentTool ? (
          <>
            <span className="font-semibold">{progress.currentTool}</span>
            {progress.currentToolInput && (
              <span className="min-w-0 truncate font-mono text-xs">{progress.currentToolInput}</span>
            )}
            {progress.currentToolSince && (
              <span className="text-zinc-600 dark:text-zinc-400">
                for {formatDuration(Math.max(0, now - progress.currentToolSince))}
              </span>
            )}
          </>
        ) : (
          <span>{progress?.events ? "Waiting for Claude's next step" : "Starting the Claude CLI"}</span>
        )}
        {progress?.lastActivityAt && (
          <span data-testid="last-output" className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
            last output {formatDuration(Math.max(0, now - progress.lastActivityAt))} ago
          </span>
        )}
      </p>
      <Meter
        label="Time"
        value={elapsed / 1000}
        max={job.timeoutSeconds}
        text={`${formatDuration(elapsed)} of ${formatDuration(job.timeoutSeconds * 1000)}`}
      />
      {job.spec.maxTurns && (
        <Meter
          label="Turns"
          value={progress?.turns ?? 0}
          max={job.spec.maxTurns}
          text={`${progress?.turns ?? 0} of ${job.spec.maxTurns}`}
        />
      )}
    </section>
  );
}

function Meter({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const share = Math.min(1, value / max);
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="w-10 shrink-0 text-zinc-600 dark:text-zinc-400">{label}</span>
      {/* biome-ignore lint/a11y/useSemanticElements: a <meter>'s bar cannot be styled alike in every browser */}
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={text}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={`h-full rounded-full ${share > 0.9 ? "bg-amber-500" : "bg-blue-500"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <span className="shrink-0 tabular-nums">{text}</span>
    </div>
  );
}
