"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { onJobChangeSignal } from "./job-change-signals";

/** Renders a server page afresh when a job changes (a schedule's run ends, say), at most once a second. */
export function AutoRefresh() {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onJobChangeSignal(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        router.refresh();
      }, 1000);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [router]);
  return null;
}
