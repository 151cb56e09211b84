import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "./free-port";
import { ensureProgram } from "./system-package";

const HOW_TO_GET_REDIS =
  "Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) " +
  "or point REDIS_URL at a Redis you run, for example REDIS_URL=redis://127.0.0.1:6379.";

export function ensureRedisServerBinary(): string {
  return ensureProgram("redis-server", "redis-server", HOW_TO_GET_REDIS);
}

export interface RunningRedis {
  url: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it printed: why it stopped, when it says. */
  lastLines(): readonly string[];
  /** Asks Redis to shut down (it flushes its append-only file first) and waits for the process to end. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Where Redis keeps its append-only file. */
  dir: string;
  /** Lines Redis prints are passed here; by default they are dropped. */
  onOutput?: (line: string) => void;
  /** Kept in this process group instead of its own, for callers that forward signals themselves. */
  detached?: boolean;
  /** A port to bind instead of a free one: to restart a server where its clients expect it. */
  port?: number;
}

const STARTUP_TIMEOUT_MS = 15_000;
const KEPT_LINES = 50;

/** Starts a private redis-server bound to 127.0.0.1 on a free port, with append-only persistence. */
export async function startRedisServer(options: RedisServerOptions): Promise<RunningRedis> {
  const binary = ensureRedisServerBinary();
  mkdirSync(options.dir, { recursive: true });
  let lastError: unknown;
  // A free port can be taken between the probe and Redis binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await launch(binary, port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function launch(binary: string, port: number, options: RedisServerOptions): Promise<RunningRedis> {
  const args = [
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--dir",
    path.resolve(options.dir),
    "--appendonly",
    "yes",
    "--save",
    "",
    "--daemonize",
    "no",
    "--protected-mode",
    "yes",
    // BullMQ loses jobs silently under any eviction policy.
    "--maxmemory-policy",
    "noeviction",
    // A stream's first node is allocated at this size (4 KB by default): every job's log stream holds one, however
    // short its log. Long logs take more, smaller nodes instead, which costs them little.
    "--stream-node-max-bytes",
    "1024",
    "--logfile",
    "",
  ];
  const child = spawn(binary, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? true,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`redis-server did not start within ${STARTUP_TIMEOUT_MS / 1000}s:\n${output.join("\n")}`),
      );
    }, STARTUP_TIMEOUT_MS);

    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        output.push(line);
        if (output.length > KEPT_LINES) output.shift();
        options.onOutput?.(line);
        if (line.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve({
            url: `redis://127.0.0.1:${port}`,
            process: child,
            exited,
            lastLines: () => output,
            stop: async () => {
              if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
              await exited;
            },
          });
        }
      }
    };
    child.stdout.on("data", onLine);
    child.stderr.on("data", onLine);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `redis-server exited (${signal ?? `code ${code}`}) before it was ready:\n${output.join("\n")}`,
        ),
      );
    });
  });
}
