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
  /** The last lines it printed, to say why it ended. */
  lastLines(): readonly string[];
  /** Resolves once it has printed `readyLine`: it is up, not only started. */
  ready: Promise<void>;
}

const KEPT_LINES = 50;

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; readyLine?: string },
): ManagedChild {
  const { readyLine, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: string[] = [];
  let isReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    isReady = resolve;
  });
  if (readyLine === undefined) isReady();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      process.stdout.write(`[${name}] ${line}\n`);
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      if (readyLine !== undefined && line.includes(readyLine)) isReady();
    });
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
    lastLines: () => lines,
    ready,
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
