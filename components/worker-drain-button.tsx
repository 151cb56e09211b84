"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setWorkerDrainingAction } from "@/app/workers/actions";
import { button } from "./button-styles";

export function WorkerDrainButton({ id, draining }: { id: string; draining: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        disabled={pending}
        title={draining ? "Let it take jobs again" : "It finishes what it runs and takes no new job"}
        onClick={() =>
          startTransition(async () => {
            const result = await setWorkerDrainingAction(id, !draining);
            setError(result.ok ? undefined : result.error);
            // The worker hears within 2 s, and says so in its next report.
            setTimeout(() => router.refresh(), 2500);
          })
        }
      >
        {draining ? "Resume" : "Drain"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}
