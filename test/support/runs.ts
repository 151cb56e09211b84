import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readJobEvents } from "@/lib/job-events";
import { jobPaths } from "@/lib/job-paths";
import { getQueueRedis } from "@/lib/queue";

/** How many times the CLI started for this job: each start prints one `init`. */
export function cliStarts(dataDir: string, id: string): number {
  const events = jobPaths(dataDir, id).events;
  return existsSync(events) ? (readFileSync(events, "utf8").match(/"subtype":"init"/g) ?? []).length : 0;
}

/** The job folder's result files: result.json and every earlier run's result.attempt-<n>.json. */
export function resultFiles(dataDir: string, id: string): string[] {
  return readdirSync(jobPaths(dataDir, id).dir)
    .filter((name) => name.startsWith("result"))
    .sort();
}

/** The job's stream as the log view reads it: its lines, and how many runs ended in it. */
export async function streamedLog(id: string): Promise<{ lines: string[]; ends: number }> {
  const entries = await readJobEvents(getQueueRedis(), id, "0", { count: 100_000 });
  return {
    lines: entries.flatMap((entry) => (entry.kind === "line" ? [entry.line] : [])),
    ends: entries.filter((entry) => entry.kind === "end").length,
  };
}

/** events.jsonl's lines: what the CLI printed, every run of the job. */
export function fileLog(dataDir: string, id: string): string[] {
  return readFileSync(jobPaths(dataDir, id).events, "utf8").trimEnd().split("\n");
}
