"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { JobSummary } from "@/lib/job-view";
import { CommandErrorText, useJobCommands } from "./job-actions";

const item =
  "block w-full px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-zinc-800";

/** A row's "⋯" menu: open the job, and the commands valid for its state. Arrow keys move, Escape closes. */
export function JobRowMenu({ job }: { job: JobSummary }) {
  const { commands, pending, error } = useJobCommands(job);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      setOpen(false);
      trigger.current?.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = [...(root.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <div ref={root} className="relative inline-block">
      <button
        ref={trigger}
        type="button"
        aria-label={`Actions for ${job.label}`}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={pending}
        onClick={() => setOpen(!open)}
        className="rounded-md px-2 py-0.5 text-zinc-500 dark:text-zinc-400 hover:bg-zinc-200 disabled:opacity-50 max-sm:size-11 max-sm:text-lg dark:hover:bg-zinc-800"
      >
        ⋯
      </button>
      {error && <CommandErrorText error={error} className="absolute right-8 top-0 w-64 text-left text-xs" />}
      {open && (
        <div
          role="menu"
          onKeyDown={onKeyDown}
          aria-label={`Actions for ${job.label}`}
          className="absolute right-0 z-20 mt-1 w-40 overflow-hidden rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <Link role="menuitem" href={`/jobs/${job.id}`} className={item}>
            Open
          </Link>
          {commands.map((command) =>
            command.href ? (
              <Link key={command.key} role="menuitem" href={command.href} className={item}>
                {command.label}
              </Link>
            ) : (
              <button
                key={command.key}
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  command.run?.();
                }}
                className={`${item} ${command.danger ? "text-red-700 dark:text-red-300" : ""}`}
              >
                {command.label}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
