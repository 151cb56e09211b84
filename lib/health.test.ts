import { describe, expect, it } from "vitest";
import { healthProblems } from "./health";
import type { SystemStatus } from "./jobs/get-system-status";
import type { WorkerStatus } from "./worker-status";

const cli: WorkerStatus["cli"] = {
  bin: "/usr/bin/claude",
  source: "PATH",
  version: "2.1.332",
  problem: null,
  credentials: "api-key",
  apiBaseUrl: null,
  demo: false,
  refusesBypassPermissions: false,
  reported: null,
};
const worker = (overrides: Partial<WorkerStatus["cli"]> = {}): WorkerStatus => ({
  id: "w1",
  host: "h",
  pid: 1,
  concurrency: 1,
  startedAt: 0,
  seenAt: 0,
  cli: { ...cli, ...overrides },
  running: 0,
  draining: false,
});
const status = (overrides: Partial<SystemStatus>): SystemStatus => ({
  redis: { ok: true, error: null },
  queueWorkers: 1,
  queuePaused: false,
  workers: [worker()],
  allowedRoots: [],
  trustedRoots: [],
  launcher: null,
  budget: null,
  ...overrides,
});

describe("healthProblems", () => {
  it("finds nothing wrong with a worker whose CLI runs with credentials", () => {
    expect(healthProblems(status({}))).toEqual([]);
  });

  it("says Redis is down, and only that, when Redis does not answer", () => {
    const problems = healthProblems(status({ redis: { ok: false, error: "ECONNREFUSED" }, workers: [] }));
    expect(problems.map((problem) => [problem.level, problem.title])).toEqual([
      ["down", expect.stringContaining("Redis is unreachable (ECONNREFUSED)")],
    ]);
    expect(problems[0]?.fix).toContain("REDIS_URL");
  });

  it("says no worker is online when BullMQ sees none, or none reports itself", () => {
    for (const broken of [status({ queueWorkers: 0 }), status({ workers: [] })])
      expect(healthProblems(broken).map((problem) => problem.title)).toEqual([
        "No worker is online: new jobs will wait until one starts.",
      ]);
  });

  it("says the CLI cannot run, down when on every worker and degraded when on some", () => {
    const missing = worker({ problem: "spawn claude ENOENT", version: null });
    expect(healthProblems(status({ workers: [missing] }))[0]).toMatchObject({
      level: "down",
      title: expect.stringContaining("spawn claude ENOENT"),
    });
    expect(healthProblems(status({ workers: [missing, worker()] }))[0]?.level).toBe("degraded");
  });

  it("says jobs are not isolated, on how many workers, and what would isolate them", () => {
    const sandboxed: WorkerStatus = {
      ...worker(),
      id: "w2",
      isolation: { level: "sandbox", detail: "Each job sees only its own folder.", networkDomains: [] },
    };
    const bare: WorkerStatus = {
      ...worker(),
      isolation: {
        level: "none",
        detail:
          "Jobs are not isolated: they can read anything. socat is not installed. Install bubblewrap and socat.",
        networkDomains: [],
      },
    };
    expect(healthProblems(status({ workers: [sandboxed] }))).toEqual([]);
    const [problem] = healthProblems(status({ workers: [bare, sandboxed] }));
    expect(problem?.title).toContain("Jobs on 1 of 2 workers are not isolated");
    expect(problem?.fix).toBe("socat is not installed. Install bubblewrap and socat.");
  });

  it("says the CLI has no credentials", () => {
    expect(healthProblems(status({ workers: [worker({ credentials: "none" })] }))).toEqual([
      expect.objectContaining({ level: "degraded", fix: expect.stringContaining("ANTHROPIC_API_KEY") }),
    ]);
  });

  it("says when the day's budget is spent, until when new jobs wait, and how to lift it", () => {
    const budget = { limitUsd: 5, spentUsd: 5.25, reached: true, resetsAt: Date.UTC(2026, 11, 5) };
    expect(healthProblems(status({ budget }))).toEqual([
      {
        level: "degraded",
        title: expect.stringMatching(/^Today's budget of \$5\.00 is spent \(\$5\.25\): new jobs wait until /),
        fix: "Lift it for today on the Usage page to run them now, or raise DAILY_BUDGET_USD.",
      },
    ]);
    expect(healthProblems(status({ budget: { ...budget, reached: false } }))).toEqual([]);
  });

  it("says the queue is paused, and how to resume it", () => {
    expect(healthProblems(status({ queuePaused: true }))).toEqual([
      expect.objectContaining({ level: "degraded", title: expect.stringContaining("The queue is paused") }),
    ]);
  });

  it("says the worker is restarting, after what, while the launcher brings it back", () => {
    const launcher = {
      pid: 1,
      worker: {
        state: "restarting" as const,
        attempt: 2,
        lastExit: { reason: "killed by SIGKILL", at: 0 },
        restartAt: 0,
      },
    };
    expect(healthProblems(status({ launcher, workers: [] }))).toEqual([
      expect.objectContaining({
        level: "down",
        title: "The worker is restarting (attempt 2): it stopped (killed by SIGKILL).",
      }),
    ]);
  });

  it("says Redis is restarting, rather than only unreachable, while the launcher brings it back", () => {
    const running = { state: "running" as const, attempt: 0, lastExit: null, restartAt: null };
    const redis = {
      ...running,
      state: "restarting" as const,
      attempt: 1,
      lastExit: { reason: "exit code 1", at: 0 },
    };
    const problems = healthProblems(
      status({ redis: { ok: false, error: "ECONNREFUSED" }, launcher: { pid: 1, worker: running, redis } }),
    );
    expect(problems.map((problem) => problem.title)).toEqual([
      expect.stringMatching(/^Redis is restarting \(attempt 1\): it stopped \(exit code 1\)/),
    ]);
  });

  it("says which workers take no job because of their data directory, and its fix", () => {
    const full = {
      ...worker(),
      dataDir: {
        path: "/data",
        freeBytes: 1,
        minFreeBytes: 2,
        problem: { title: "/data has 1 B free.", fix: "Free space." },
      },
    };
    expect(healthProblems(status({ workers: [full, worker()] }))).toEqual([
      {
        level: "degraded",
        title: "1 of 2 workers takes no new job: /data has 1 B free.",
        fix: "Free space.",
      },
    ]);
  });

  it("says a worker's CLI is older than the supported range, what that version gets wrong, and what to do", () => {
    expect(healthProblems(status({ workers: [worker({ version: "2.1.212" }), worker()] }))).toEqual([
      {
        level: "degraded",
        title:
          "The Claude CLI on 1 worker is 2.1.212, older than 2.1.221: a slow reader can lose the end of its output; --mcp-config servers may not be connected before the first turn.",
        fix: expect.stringContaining("Unset CLAUDE_BIN"),
      },
    ]);
  });
});
