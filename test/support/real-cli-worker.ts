import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeJobQueue } from "@/lib/queue";
import { type MessagesApiDouble, startMessagesApiDouble } from "../fixtures/messages-api-double/server";
import { startWorker, type WorkerProcess } from "./worker-process";

export interface RealCliWorker {
  api: MessagesApiDouble;
  worker: WorkerProcess;
  /** Stops the worker with `signal` and starts another like it, ready when this resolves. */
  restart: (signal: NodeJS.Signals) => Promise<void>;
}

/**
 * For a test file: the Messages-API double, and a worker that runs the bundled CLI against it with a home and a CLI
 * config of its own, started (and ready) before the tests and stopped after them. Its fields are set once started.
 */
export function realCliWorkerDuringTests(env: Record<string, string>): RealCliWorker {
  const running = {} as RealCliWorker;
  beforeAll(async () => {
    running.api = await startMessagesApiDouble();
    const home = mkdtempSync(path.join(os.tmpdir(), "ccw-real-cli-home-"));
    const start = async () => {
      running.worker = startWorker({
        // Unset: the worker finds the bundled CLI itself.
        CLAUDE_BIN: "",
        ANTHROPIC_BASE_URL: running.api.url,
        ANTHROPIC_API_KEY: "sk-test-local",
        HOME: home,
        CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
        ...env,
      });
      await running.worker.waitForOutput("worker: ready", 60_000);
    };
    running.restart = async (signal) => {
      running.worker.process.kill(signal);
      await running.worker.exited;
      await start();
    };
    await start();
  });
  afterAll(async () => {
    running.worker.process.kill("SIGTERM");
    await running.worker.exited;
    await running.api.close();
    await closeJobQueue();
  });
  return running;
}
