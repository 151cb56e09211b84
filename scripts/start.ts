// The launcher behind `npm start` (`npm run dev` adds --dev, `npm run demo` --demo): builds when needed, then runs
// Redis (unless REDIS_URL is set), the dashboard and the worker, and on Ctrl-C or SIGTERM stops all of them.
// The demo also runs the Messages-API double and points the worker's CLI at it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, ConfigError, getConfig } from "@/lib/config";
import { type MessagesApiDouble, startMessagesApiDouble } from "../test/fixtures/messages-api-double/server";
import { isBuildFresh } from "./lib/build-freshness";
import { type ManagedChild, startChild, stopChild } from "./lib/child-process-group";
import { type RunningRedis, startRedisServer } from "./lib/redis-server";
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

async function waitForHttp(url: string, children: ManagedChild[]): Promise<void> {
  for (;;) {
    if (children.some((child) => !child.isRunning())) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 300));
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

  let redis: RunningRedis | undefined;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    try {
      redis = await startRedisServer({ dir: path.join(config.dataDir, "redis") });
    } catch (error) {
      if (error instanceof MissingProgramError) fail(error.message);
      fail(`Redis could not start: ${(error as Error).message}`);
    }
    redisUrl = redis.url;
    console.log(`[redis] running at ${redisUrl}, data in ${path.join(config.dataDir, "redis")}`);
  }

  let api: MessagesApiDouble | undefined;
  const demoEnv: Record<string, string> = {};
  if (demo) {
    api = await startMessagesApiDouble();
    console.log(`[demo] a demo model answers the CLI at ${api.url}`);
    Object.assign(demoEnv, {
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: "sk-demo-local-not-a-real-key",
      // The CLI keeps sessions and settings here instead of in your own ~/.claude.
      CLAUDE_CONFIG_DIR: path.join(config.dataDir, "claude-config"),
      CLAUDE_CODE_MAX_RETRIES: "2",
    });
  }

  const env = {
    ...process.env,
    ...demoEnv,
    REDIS_URL: redisUrl,
    DATA_DIR: config.dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const web = startChild(
    "web",
    process.execPath,
    [nextBin, dev ? "dev" : "start", "--hostname", config.host, "--port", String(config.port)],
    { cwd: root, env },
  );
  const worker = startChild(
    "worker",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "worker", "main.ts")],
    { cwd: root, env },
  );
  const children = [web, worker];

  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // The worker needs Redis to hand its jobs back, so Redis goes last.
    const workerGraceMs = (config.shutdownGraceSeconds + config.killGraceSeconds + 10) * 1000;
    await Promise.all([stopChild(web, 10_000), stopChild(worker, workerGraceMs)]);
    await redis?.stop();
    await api?.close();
    console.log("Stopped.");
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
  for (const child of children) {
    void child.exited.then(({ code, signal }) => {
      if (stopping) return;
      console.error(
        `\n${child.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`,
      );
      void stopAll(1);
    });
  }
  redis?.process.once("exit", () => {
    if (stopping) return;
    console.error("\nredis-server stopped unexpectedly; stopping everything.");
    void stopAll(1);
  });

  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`;
  await waitForHttp(url, children);
  if (!stopping) {
    console.log(`\nClaude Code Worker${demo ? " (demo)" : ""} is running: ${url}  (Ctrl-C stops it)\n`);
  }
}

await main();
