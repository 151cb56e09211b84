"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatCost } from "@/lib/format";
import type { JobDetail } from "@/lib/job-view";
import { fetchJson } from "./fetch-json";
import { onJobChangeSignal, wasCancelledHere } from "./job-change-signals";
import { useAttention } from "./use-attention";

/** This browser's choice, remembered: notifications are opt-in, whatever the site's permission. */
const STORAGE_KEY = "ccw:notifications";

type Choice = "unsupported" | "blocked" | "off" | "on";

function currentChoice(): Choice {
  if (typeof Notification === "undefined") return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(STORAGE_KEY) === "on" ? "on" : "off";
}

/** Signals after which a job may have ended: BullMQ's, and a cancel that took a waiting job off the queue. */
const ENDING_SIGNALS = new Set(["completed", "failed", "removed"]);

/**
 * The top bar's bell: asks the browser for permission once, then notifies when a job starts waiting for a person,
 * completes, fails for good, or is cancelled by someone else (unless this tab shows that job and is in view). A
 * click on the notification opens the job.
 */
export function NotificationToggle() {
  const [choice, setChoice] = useState<Choice>();
  const { data } = useAttention();
  const router = useRouter();
  const pathname = usePathname();
  const notified = useRef(new Set<string>());
  const announcedEndings = useRef(new Set<string>());
  useEffect(() => setChoice(currentChoice()), []);
  const show = useRef((_: Announcement) => {});
  show.current = ({ jobId, title, body, tag }: Announcement) => {
    if (document.visibilityState === "visible" && pathname === `/jobs/${jobId}`) return;
    const notification = new Notification(title, { body, tag, icon: "/icon.svg" });
    notification.onclick = () => {
      window.focus();
      router.push(`/jobs/${jobId}`);
      notification.close();
    };
  };

  useEffect(() => {
    if (choice !== "on") return;
    return onJobChangeSignal(({ jobId, event }) => {
      if (!jobId || !ENDING_SIGNALS.has(event)) return;
      void fetchJson<JobDetail>(`/api/jobs/${jobId}`)
        .then((job) => {
          const ending = endingOf(job);
          if (ending && !announcedEndings.current.has(ending.tag)) {
            announcedEndings.current.add(ending.tag);
            show.current(ending);
          }
        })
        // Deleted meanwhile, or the server is away: nothing to say.
        .catch(() => {});
    });
  }, [choice]);

  useEffect(() => {
    const waiting = data?.needYou ?? [];
    const ids = new Set(waiting.map((job) => job.id));
    // A job that asks again after it was answered is news again.
    for (const id of notified.current) if (!ids.has(id)) notified.current.delete(id);
    if (choice !== "on") return;
    for (const job of waiting) {
      if (notified.current.has(job.id)) continue;
      notified.current.add(job.id);
      show.current({
        jobId: job.id,
        title: "A job needs you",
        body: `${job.label}: Claude waits for your answer.`,
        tag: `needs-you-${job.id}`,
      });
    }
  }, [data, choice]);

  // Drawn before the browser is asked, and kept where it has no notifications, so the top bar never shifts.
  const unknown = choice === undefined || choice === "unsupported";
  const label =
    choice === "on"
      ? "Notifications on: a job that needs you is announced. Turn them off"
      : choice === "blocked"
        ? "Notifications are blocked for this site: allow them in the browser's site settings"
        : "Notify me when a job needs me";
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={choice === "on"}
      disabled={choice === "blocked" || unknown}
      aria-hidden={unknown || undefined}
      onClick={async () => {
        if (choice === "on") {
          localStorage.setItem(STORAGE_KEY, "off");
          setChoice("off");
          return;
        }
        if ((await Notification.requestPermission()) === "granted") localStorage.setItem(STORAGE_KEY, "on");
        setChoice(currentChoice());
      }}
      className={`${unknown ? "invisible " : ""}rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 disabled:opacity-50 aria-pressed:text-indigo-700 dark:text-zinc-400 dark:hover:bg-zinc-900 dark:aria-pressed:text-indigo-300`}
    >
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        className="h-4 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      >
        <path d="M5 8a5 5 0 0 1 10 0c0 4 1.5 5.5 2 6H3c.5-.5 2-2 2-6Z" strokeLinejoin="round" />
        <path d="M8 16.5a2 2 0 0 0 4 0" strokeLinecap="round" />
        {choice !== "on" && <path d="M3 3l14 14" strokeLinecap="round" />}
      </svg>
    </button>
  );
}

interface Announcement {
  jobId: string;
  title: string;
  body: string;
  /** One notification per job and event, however many tabs announce it. */
  tag: string;
}

/** What a finished job's notification says; none for a job that will run again, or that this browser cancelled. */
function endingOf(job: JobDetail): Announcement | undefined {
  const base = { jobId: job.id, tag: `${job.state}-${job.id}` };
  if (job.state === "completed")
    return {
      ...base,
      title: `Completed: ${job.label}`,
      body:
        excerpt(job.result?.text) ??
        `Done${job.result?.costUsd ? `, ${formatCost(job.result.costUsd)}` : ""}.`,
    };
  if (job.state === "failed")
    return {
      ...base,
      title: `Failed: ${job.label}`,
      body: job.result?.diagnosis?.cause ?? "The job failed.",
    };
  if (job.state === "cancelled" && !wasCancelledHere(job.id))
    return { ...base, title: `Cancelled: ${job.label}`, body: "Someone else cancelled it." };
  return undefined;
}

function excerpt(text: string | undefined): string | undefined {
  const line = text?.trim().replace(/\s+/g, " ");
  if (!line) return undefined;
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
