"use client";

import { useQuery } from "@tanstack/react-query";
import type { Attention } from "@/lib/jobs/get-attention";
import { fetchJson } from "./fetch-json";

/**
 * What needs a person now. Under the "jobs" key, so every change signal of the queue reads it afresh (a request
 * opens or closes with the job's progress), with no polling of its own.
 */
export function useAttention() {
  return useQuery({
    queryKey: ["jobs", "attention"],
    queryFn: () => fetchJson<Attention>("/api/attention"),
  });
}
