"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cliDefects, effectiveCliVersion } from "@/lib/cli/cli-version";
import { countOf } from "@/lib/format";
import { healthProblems } from "@/lib/health";
import type { SystemStatus } from "@/lib/jobs/get-system-status";
import type { CliInfo } from "@/lib/worker-status";
import { ISOLATION_LABELS } from "@/lib/workers/job-isolation";
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
    // Workers come and go rarely; a slow refresh keeps the indicator honest without a polling storm. While
    // something is wrong (a worker or Redis restarting), the banner follows the recovery closely.
    refetchInterval: (query) =>
      query.state.error || (query.state.data && healthProblems(query.state.data).length > 0) ? 3000 : 30_000,
    // A down server should show at once, not after three silent retries.
    retry: false,
  });
}

/** The top bar's dot colour, its words, and its tooltip: what is wrong first, else the CLI the workers run. */
function indicatorLine(data: SystemStatus): [tone: string, text: string, detail: string] {
  const { launcher } = data;
  if (launcher?.redis?.state === "restarting")
    return ["bg-red-500", "Redis restarting", launcher.redis.lastExit?.reason ?? ""];
  if (!data.redis.ok) return ["bg-red-500", "Redis unreachable", data.redis.error ?? ""];
  if (launcher?.worker.state === "restarting")
    return ["bg-red-500", "Worker restarting", launcher.worker.lastExit?.reason ?? ""];
  const cli = data.workers[0]?.cli;
  if (!cli)
    return ["bg-amber-500", "No worker online", "Jobs wait until a worker starts (npm start runs one)."];
  if (cli.problem) return ["bg-red-500", "Claude CLI unusable", cli.problem];
  const outdated = cliDefects(cli).length > 0;
  const isolation = data.workers[0]?.isolation;
  return [
    cli.credentials === "none" || outdated ? "bg-amber-500" : "bg-green-500",
    `claude ${effectiveCliVersion(cli)}${outdated ? " (outdated)" : ""} · ${cli.source} · ${CREDENTIALS[cli.credentials]}${isolation ? ` · jobs ${ISOLATION_LABELS[isolation.level]}` : ""}`,
    `${cli.bin}${cli.apiBaseUrl ? ` → ${cli.apiBaseUrl}` : ""}; ${countOf(data.workers.length, "worker")} online${isolation ? `. ${isolation.detail}` : ""}`,
  ];
}

/** One line in the top bar: the CLI the workers run, its version and credentials, or what is wrong. */
export function SystemStatusIndicator() {
  const { data } = useSystemStatus();
  if (!data) return null;
  const [tone, text, detail] = indicatorLine(data);
  return (
    <Link
      href="/workers"
      data-testid="system-status"
      title={`${text}: ${detail}`}
      className="flex items-center gap-2 text-xs text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <span className={`size-2 shrink-0 rounded-full ${tone}`} aria-hidden />
      {/* Narrower than a wide desktop, the dot alone: its words in the tooltip, and in the banner above if wrong. */}
      <span className="max-2xl:sr-only">{text}</span>
    </Link>
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
      <span className="font-semibold">Demo mode:</span> a local demo model answers instead of Claude.
      <span className="max-sm:hidden">
        {" "}
        Jobs run the real Claude Code CLI, which really writes files, but the answers are scripted. Set
        ANTHROPIC_API_KEY and use <code>npm start</code> for real work.
      </span>
    </div>
  );
}

/** What is wrong with Redis, the workers or their CLI, with the fix, above every page until it is mended. */
export function HealthBanner() {
  const { data, error } = useSystemStatus();
  // Before logging in, the status is not ours to read: its refusal is not an outage.
  if (usePathname() === "/login") return null;
  const problems = data
    ? healthProblems(data)
    : error
      ? [
          {
            level: "down" as const,
            title: `The dashboard's server does not answer (${error.message}).`,
            fix: "Check that npm start still runs.",
          },
        ]
      : [];
  if (problems.length === 0) return null;
  return (
    <div data-testid="health-banner" role="alert" className="space-y-1">
      {problems.map((problem) => (
        <p
          key={problem.title}
          data-level={problem.level}
          className={`px-4 py-2 text-center text-sm ${problem.level === "down" ? "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100" : "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100"}`}
        >
          <span className="font-semibold">{problem.title}</span> {problem.fix}
        </p>
      ))}
    </div>
  );
}
