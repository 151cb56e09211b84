"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { scheduleCommandAction } from "@/app/schedules/actions";
import { button, dangerButton } from "./button-styles";

/** A schedule's commands: edit, pause or resume, delete (after asking). */
export function ScheduleActions({ id, name, paused }: { id: string; name: string; paused: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const run = (command: "pause" | "resume" | "delete") =>
    startTransition(async () => {
      const result = await scheduleCommandAction(id, command);
      setError(result.ok ? undefined : result.error);
      router.refresh();
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={`/schedules/${id}/edit`} className={button}>
        Edit
      </Link>
      <button
        type="button"
        className={button}
        disabled={pending}
        onClick={() => run(paused ? "resume" : "pause")}
      >
        {paused ? "Resume" : "Pause"}
      </button>
      <button
        type="button"
        className={`${button} ${dangerButton}`}
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Delete the schedule “${name}”? The jobs it made stay.`)) run("delete");
        }}
      >
        Delete
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
