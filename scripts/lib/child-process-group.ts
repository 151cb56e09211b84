import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** A child started in a process group of its own, with its output prefixed by its name. */
export interface ManagedChild {
  name: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the child's whole group; does nothing once it has exited. */
  signal(signal: NodeJS.Signals): void;
  isRunning(): boolean;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ManagedChild {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) =>
      process.stdout.write(`[${name}] ${line}\n`),
    );
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => {
      process.stdout.write(`[${name}] could not start: ${error.message}\n`);
      resolve({ code: null, signal: null });
    });
  });
  const isRunning = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    name,
    process: child,
    exited,
    isRunning,
    signal(signal) {
      if (!child.pid) return;
      try {
        process.kill(-child.pid, signal);
      } catch {}
    },
  };
}

/** SIGTERM, then SIGKILL to the whole group if it has not ended within `graceMs`. */
export async function stopChild(child: ManagedChild, graceMs: number): Promise<void> {
  child.signal("SIGTERM");
  const timer = setTimeout(() => {
    process.stdout.write(`[${child.name}] did not stop within ${graceMs / 1000}s: killing it\n`);
    child.signal("SIGKILL");
  }, graceMs);
  await child.exited;
  clearTimeout(timer);
  // Anything the child left in its group goes with it.
  child.signal("SIGKILL");
}
