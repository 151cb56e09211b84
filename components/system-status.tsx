"use client";

import { useQuery } from "@tanstack/react-query";
import type { SystemStatus } from "@/lib/jobs/get-system-status";
import type { CliInfo } from "@/lib/worker-status";
import { fetchJson } from "./fetch-json";

const CREDENTIALS: Record<CliInfo["credentials"], string> = {
  "api-key": "API key",
  "auth-token": "auth token",
  login: "logged in",
  none: "no credentials",
};

export function useSystemStatus() {
  return useQuery({
    queryKey: ["status"],
    queryFn: () => fetchJson<SystemStatus>("/api/status"),
    // Workers come and go rarely; a slow refresh keeps the indicator honest without a polling storm.
    refetchInterval: 30_000,
  });
}

/** One line in the top bar: the CLI the workers run, its version and credentials, or what is wrong. */
export function SystemStatusIndicator() {
  const { data } = useSystemStatus();
  if (!data) return null;
  const cli = data.workers[0]?.cli;
  const [tone, text, detail] = !data.redis.ok
    ? ["bg-red-500", "Redis unreachable", data.redis.error ?? ""]
    : !cli
      ? ["bg-amber-500", "No worker online", "Jobs wait until a worker starts (npm start runs one)."]
      : cli.problem
        ? ["bg-red-500", "Claude CLI unusable", cli.problem]
        : [
            cli.credentials === "none" ? "bg-amber-500" : "bg-green-500",
            `claude ${cli.version} · ${cli.source} · ${CREDENTIALS[cli.credentials]}`,
            `${cli.bin}${cli.apiBaseUrl ? ` → ${cli.apiBaseUrl}` : ""}; ${data.workers.length} worker(s) online`,
          ];
  return (
    <span
      data-testid="system-status"
      title={detail}
      className="hidden items-center gap-2 text-xs text-zinc-500 sm:flex"
    >
      <span className={`size-2 rounded-full ${tone}`} aria-hidden />
      {text}
    </span>
  );
}

/** Says plainly when a demo model, not Claude, answers the jobs. */
export function DemoBanner() {
  const { data } = useSystemStatus();
  if (!data?.workers.some((worker) => worker.cli.demo)) return null;
  return (
    <div
      data-testid="demo-banner"
      className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      Demo mode: a local demo model answers instead of Claude. Jobs run the real Claude Code CLI, which really
      writes files, but the answers are scripted. Set ANTHROPIC_API_KEY and use <code>npm start</code> for
      real work.
    </div>
  );
}
