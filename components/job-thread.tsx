"use client";

import Link from "next/link";
import { useState } from "react";
import { formatAge } from "@/lib/format";
import type { JobDetail, ThreadTurn } from "@/lib/job-view";
import { DisclosureButton } from "./disclosure-button";
import { JobLog } from "./job-log";
import { Markdown } from "./markdown";
import { StateBadge } from "./state-badge";

/**
 * A conversation carried on by follow-ups, as one thread: each earlier turn's prompt and answer in order, its log a
 * click away, then this job, then the follow-ups made from it. Every turn links to its own page.
 */
export function JobThread({ job, now }: { job: JobDetail; now: number }) {
  const { earlier, followUps } = job.thread;
  if (earlier.length === 0 && followUps.length === 0) return null;
  const position = earlier.length + 1;
  return (
    <section aria-label="Conversation" data-testid="job-thread" className="space-y-3">
      <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">
        Conversation{earlier.length > 0 ? ` · turn ${position} of ${position}` : ""}
      </h2>
      {earlier.length > 0 && (
        <ol className="space-y-3 border-l-2 border-zinc-200 pl-4 dark:border-zinc-800">
          {earlier.map((turn, index) => (
            <EarlierTurn key={turn.id} turn={turn} number={index + 1} now={now} />
          ))}
          <li aria-current="page" className="text-sm">
            <span className="font-medium">Turn {position}: this job</span>
            <span className="text-zinc-600 dark:text-zinc-400"> (its prompt above, its log below)</span>
          </li>
        </ol>
      )}
      {followUps.length > 0 && (
        <div data-testid="follow-ups" className="text-sm">
          <p className="font-medium">
            {followUps.length === 1 ? "1 follow-up continues" : `${followUps.length} follow-ups continue`}{" "}
            from here
          </p>
          <ul className="mt-1 space-y-1">
            {followUps.map((turn) => (
              <li key={turn.id} className="flex flex-wrap items-center gap-2">
                <TurnHeading turn={turn} now={now} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function EarlierTurn({ turn, number, now }: { turn: ThreadTurn; number: number; now: number }) {
  const [showLog, setShowLog] = useState(false);
  return (
    <li data-testid="thread-turn" className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Turn {number}</span>
        <TurnHeading turn={turn} now={now} />
      </div>
      {/* A title cut from the prompt's start says less than the prompt: then the prompt shows too. */}
      {turn.label !== turn.prompt.trim() && (
        <p className="line-clamp-4 whitespace-pre-wrap [overflow-wrap:anywhere] text-zinc-700 dark:text-zinc-300">
          <span className="sr-only">Prompt: </span>
          {turn.prompt}
        </p>
      )}
      {turn.answer && (
        <div
          data-testid="turn-answer"
          className={`rounded-md border px-3 py-2 ${
            turn.state === "completed"
              ? "border-green-300 bg-green-50 dark:border-green-900 dark:bg-green-950"
              : "border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900"
          }`}
        >
          <Markdown text={turn.answer} />
        </div>
      )}
      <DisclosureButton open={showLog} onToggle={() => setShowLog(!showLog)}>
        {showLog ? "Hide its log" : "Show its log"}
      </DisclosureButton>
      {showLog && (
        <JobLog
          jobId={turn.id}
          attempt={0}
          live={false}
          cancelled={turn.state === "cancelled"}
          earlier={[]}
        />
      )}
    </li>
  );
}

/** A turn's state, its title linking to its page, and how long ago it was made. */
function TurnHeading({ turn, now }: { turn: ThreadTurn; now: number }) {
  return (
    <>
      <StateBadge state={turn.state} testId="turn-state" />
      <Link href={`/jobs/${turn.id}`} className="min-w-0 [overflow-wrap:anywhere] underline">
        {turn.label}
      </Link>
      <span className="text-zinc-600 dark:text-zinc-400" suppressHydrationWarning>
        {formatAge(turn.createdAt, now)}
      </span>
    </>
  );
}
