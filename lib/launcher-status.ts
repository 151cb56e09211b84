import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomicSync } from "./write-file-atomic";

/** How the launcher's supervision of one child stands: the dashboard says so while it brings one back. */
export const supervisedChildStatusSchema = z.object({
  state: z.enum(["running", "restarting"]),
  /** Restarts since the child last ran steadily; 0 until it first ends. */
  attempt: z.number(),
  /** Why it last ended unexpectedly, and when. */
  lastExit: z.object({ reason: z.string(), at: z.number() }).nullable(),
  /** When the next start is due, while restarting. */
  restartAt: z.number().nullable(),
});
export type SupervisedChildStatus = z.infer<typeof supervisedChildStatusSchema>;

export const launcherStatusSchema = z.object({
  pid: z.number(),
  worker: supervisedChildStatusSchema,
  /** Absent when Redis is the user's own (REDIS_URL). */
  redis: supervisedChildStatusSchema.optional(),
});
export type LauncherStatus = z.infer<typeof launcherStatusSchema>;

export function launcherStatusPath(dataDir: string): string {
  return path.join(dataDir, "launcher.json");
}

/** Written whole or not at all: the dashboard reads it while Redis may be down. */
export function writeLauncherStatus(dataDir: string, status: LauncherStatus): void {
  writeFileAtomicSync(launcherStatusPath(dataDir), JSON.stringify(status));
}

/** What the launcher of this DATA_DIR says of its children, when one runs: none with `npm run worker` alone. */
export function readLauncherStatus(dataDir: string): LauncherStatus | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(launcherStatusPath(dataDir), "utf8"));
  } catch {
    return null;
  }
  const parsed = launcherStatusSchema.safeParse(value);
  if (!parsed.success || !isAlive(parsed.data.pid)) return null;
  return parsed.data;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
