"use client";

import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import type { SystemStatus } from "@/lib/jobs/get-system-status";
import { shouldRetry } from "./fetch-json";
import { type JobChangeSignal, publishJobChangeSignal } from "./job-change-signals";

/** Batches bursts of change signals (progress arrives up to twice a second per job) into one refetch. */
const INVALIDATE_DEBOUNCE_MS = 250;
/** Without the event stream, refetch this often rather than never. */
const FALLBACK_REFETCH_MS = 10_000;

/**
 * The page's query client. The server's reading of the system status seeds it, so the health and demo banners are
 * in the first paint instead of pushing the page down after a fetch.
 */
export function Providers({ children, status }: { children: ReactNode; status: SystemStatus | null }) {
  const [client] = useState(() => {
    const created = new QueryClient({
      defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: shouldRetry } },
    });
    if (status) created.setQueryData(["status"], status);
    return created;
  });
  return (
    <QueryClientProvider client={client}>
      <JobChangeListener />
      {children}
    </QueryClientProvider>
  );
}

/** Listens to the queue's change signals and refetches the job queries the page shows. */
function JobChangeListener() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fallback: ReturnType<typeof setInterval> | undefined;
    const invalidate = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: ["jobs"] });
      }, INVALIDATE_DEBOUNCE_MS);
    };
    const source = new EventSource("/api/events");
    source.onmessage = (message: MessageEvent<string>) => {
      invalidate();
      const signal = JSON.parse(message.data) as JobChangeSignal;
      publishJobChangeSignal(signal);
      // Pausing or resuming the queue (in bull-board) changes the health banner, not a job.
      if (signal.event === "paused" || signal.event === "resumed")
        void queryClient.invalidateQueries({ queryKey: ["status"] });
    };
    source.onopen = () => {
      clearInterval(fallback);
      fallback = undefined;
      // Changes made while we were disconnected were never signalled.
      invalidate();
    };
    source.onerror = () => {
      fallback ??= setInterval(invalidate, FALLBACK_REFETCH_MS);
    };
    return () => {
      source.close();
      clearTimeout(timer);
      clearInterval(fallback);
    };
  }, [queryClient]);
  return null;
}
