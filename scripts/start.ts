// The launcher behind `npm start` (`npm run dev` adds --dev, `npm run demo` --demo): builds when needed, then runs
// Redis (unless REDIS_URL is set), the dashboard and the worker, and on Ctrl-C or SIGTERM stops all of them.
// The demo also runs the Messages-API double and points the worker's CLI at it.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, ConfigError, getConfig } from "@/lib/config";
import { launcherStatusPath, writeLauncherStatus } from "@/lib/launcher-status";
import { createRedisConnection } from "@/lib/redis";
import { recordWorkerExit } from "@/lib/workers/worker-exits";
import { type MessagesApiDouble, startMessagesApiDouble } from "../test/fixtures/messages-api-double/server";
import { readInstallationId } from "../worker/installation-id";
import { ProcessTable } from "../worker/process-table";
import { isBuildFresh } from "./lib/build-freshness";
import { type ManagedChild, startChild, stopChild } from "./lib/child-process-group";
import { ensureJobTools } from "./lib/job-tools";
import { type RunningRedis, startRedisServer } from "./lib/redis-server";
import { type ChildRun, SupervisedChild } from "./lib/supervised-child";
import { MissingProgramError } from "./lib/system-package";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const dev = process.argv.includes("--dev");
const demo = process.argv.includes("--demo");

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function waitForHttp(url: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function childRun(child: ManagedChild, graceMs: number): ChildRun {
  return {
    pid: child.process.pid,
    exited: child.exited,
    lastLines: child.lastLines,
    ready: child.ready,
    stop: () => stopChild(child, graceMs),
  };
}

function redisRun(redis: RunningRedis): ChildRun {
  return {
    pid: redis.process.pid,
    exited: redis.exited,
    lastLines: redis.lastLines,
    // Started means ready: startRedisServer waits for it to accept connections.
    ready: Promise.resolve(),
    stop: redis.stop,
  };
}

/**
 * A worker that died leaves its jobs' CLIs running, each in a process group of its own: the launcher records why it
 * died (its jobs' next runs quote it) and stops them at once, rather than leaving them to the next worker's sweep,
 * which a Ctrl-C could forestall.
 */
async function killDeadWorkersProcesses(
  redis: ReturnType<typeof createRedisConnection>,
  dataDir: string,
  pid: number,
  reason: string,
): Promise<void> {
  try {
    const workerId = await recordWorkerExit(redis, pid, reason);
    if (!workerId) return;
    const installation = await readInstallationId(dataDir);
    const table = new ProcessTable();
    const killed = await table.kill(await table.find({ installation, worker: workerId }));
    if (killed > 0) console.error(`launcher: stopped ${killed} process(es) left by the dead worker's jobs`);
  } catch (error) {
    console.error(`launcher: could not clear what the dead worker left: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  if (demo) {
    // Demo jobs get their own Redis data and job folders, apart from real work.
    process.env.DATA_DIR ||= "./data/demo";
    process.env.CCW_DEMO = "1";
  }
  const config = readConfig();
  if (!dev && !isBuildFresh(root)) {
    console.log("Building the dashboard (next build)...");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) fail("The build failed: see the errors above.");
  }

  // Ctrl-C at any moment from here on stops whatever has started, and nothing is left running.
  let redis: SupervisedChild | undefined;
  let api: MessagesApiDouble | undefined;
  let web: SupervisedChild | undefined;
  let worker: SupervisedChild | undefined;
  let exitsRedis: ReturnType<typeof createRedisConnection> | undefined;
  const deadWorkerCleanups = new Set<Promise<void>>();
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // The worker needs Redis to hand its jobs back, so Redis goes last.
    await Promise.all([web?.stop(), worker?.stop(), ...deadWorkerCleanups]);
    await redis?.stop();
    await api?.close();
    exitsRedis?.disconnect();
    rmSync(launcherStatusPath(config.dataDir), { force: true });
    console.log("Stopped.");
    process.exit(exitCode);
  };
  // A launcher that failed (below) stops itself this way, keeping its exit code.
  const exitCode = () => Number(process.exitCode ?? 0);
  process.on("SIGINT", () => void stopAll(exitCode()));
  process.on("SIGTERM", () => void stopAll(exitCode()));

  ensureJobTools();
  const redisDir = path.join(config.dataDir, "redis");
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    let port: number | undefined;
    redis = new SupervisedChild({
      name: "redis-server",
      // Restarted where its clients expect it, with its append-only file.
      start: async () => {
        const running = await startRedisServer({ dir: redisDir, port });
        port = Number(new URL(running.url).port);
        return redisRun(running);
      },
      onChange: () => saveStatus(),
    });
    try {
      await redis.start();
    } catch (error) {
      if (error instanceof MissingProgramError) fail(error.message);
      fail(`Redis could not start: ${(error as Error).message}`);
    }
    if (stopping) return;
    redisUrl = `redis://127.0.0.1:${port}`;
    console.log(`[redis] running at ${redisUrl}, data in ${redisDir}`);
  }

  const demoEnv: Record<string, string> = {};
  if (demo) {
    api = await startMessagesApiDouble();
    console.log(`[demo] a demo model answers the CLI at ${api.url}`);
    Object.assign(demoEnv, {
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: "sk-demo-local-not-a-real-key",
      // The CLI keeps sessions and settings here instead of in your own ~/.claude.
      CLAUDE_CONFIG_DIR: path.join(config.dataDir, "claude-config"),
    });
  }

  const env = {
    ...process.env,
    ...demoEnv,
    REDIS_URL: redisUrl,
    DATA_DIR: config.dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const workerGraceMs = (config.shutdownGraceSeconds + config.killGraceSeconds + 10) * 1000;
  web = new SupervisedChild({
    name: "web",
    start: async () =>
      childRun(
        startChild(
          "web",
          process.execPath,
          [nextBin, dev ? "dev" : "start", "--hostname", config.host, "--port", String(config.port)],
          { cwd: root, env },
        ),
        10_000,
      ),
    onChange: () => {},
  });
  // The launcher tells the crashed worker's jobs why it died: their next run fails them with that reason.
  const launcherRedis = createRedisConnection({ name: "launcher", failFast: true, url: redisUrl });
  exitsRedis = launcherRedis;
  const endDeadWorker = (pid: number, reason: string) => {
    const cleanup = killDeadWorkersProcesses(launcherRedis, config.dataDir, pid, reason).finally(() =>
      deadWorkerCleanups.delete(cleanup),
    );
    deadWorkerCleanups.add(cleanup);
  };
  const supervisedWorker = new SupervisedChild({
    name: "worker",
    start: async () =>
      childRun(
        startChild(
          "worker",
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", path.join(root, "worker", "main.ts")],
          { cwd: root, env, readyLine: "worker: ready" },
        ),
        workerGraceMs,
      ),
    onChange: () => saveStatus(),
    onExit: (pid, reason) => {
      if (pid !== undefined) endDeadWorker(pid, reason);
    },
  });
  worker = supervisedWorker;

  function saveStatus(): void {
    try {
      writeLauncherStatus(config.dataDir, {
        pid: process.pid,
        worker: supervisedWorker.status,
        ...(redis ? { redis: redis.status } : {}),
      });
    } catch (error) {
      console.error(
        `launcher: could not write ${launcherStatusPath(config.dataDir)}: ${(error as Error).message}`,
      );
    }
  }

  await Promise.all([web.start(), supervisedWorker.start()]);
  if (stopping) return;
  saveStatus();

  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`;
  await waitForHttp(url);
  if (!stopping) {
    console.log(`\nClaude Code Worker${demo ? " (demo)" : ""} is running: ${url}  (Ctrl-C stops it)\n`);
  }
}

await main().catch((error: Error) => {
  console.error(`\nThe launcher failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
  process.kill(process.pid, "SIGTERM");
});
