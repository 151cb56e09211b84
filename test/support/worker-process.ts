import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeJobQueue } from "@/lib/queue";

const root = path.resolve(import.meta.dirname, "../..");
export const FAKE_CLAUDE = path.join(root, "test/fixtures/fake-claude/claude");

export interface WorkerProcess {
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the worker has exited. */
  exited: Promise<number | null>;
  waitForOutput: (text: string, timeoutMs?: number) => Promise<void>;
}

/**
 * Starts `worker/main.ts` as its own process, as the launcher does; `wrap` runs it inside another command (in a PID
 * namespace of its own, say), given the worker's command line for a shell.
 */
export function startWorker(
  env: Record<string, string>,
  wrap?: (commandLine: string) => string[],
): WorkerProcess {
  const worker = [
    process.execPath,
    "--conditions=react-server",
    "--import",
    "tsx",
    path.join(root, "worker/main.ts"),
  ];
  const [command, ...args] = wrap ? wrap(worker.map((word) => `'${word}'`).join(" ")) : worker;
  const child = spawn(command as string, args, {
    cwd: root,
    env: { ...process.env, CLAUDE_BIN: FAKE_CLAUDE, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    exited,
    waitForOutput: async (text, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`worker never printed "${text}"; it printed:\n${output}`);
        if (child.exitCode !== null)
          throw new Error(`worker exited (${child.exitCode}) before printing "${text}":\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * A worker for a test file: started (and ready) before its tests, stopped after them, with the file's queue
 * connection closed. Returns its output, for the messages of failing waits.
 */
export function workerDuringTests(env: Record<string, string>): { output: () => string } {
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    worker = startWorker(env);
    await worker.waitForOutput("worker: ready");
  });
  afterAll(async () => {
    worker?.process.kill("SIGTERM");
    await worker?.exited;
    await closeJobQueue();
  });
  return { output: () => worker?.output() ?? "" };
}
