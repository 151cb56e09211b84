import { describe, expect, it } from "vitest";
import { buildCliEnv } from "./cli-env";

describe("buildCliEnv", () => {
  const needed = {
    PATH: "/usr/bin",
    HOME: "/home/me",
    LANG: "C.UTF-8",
    LC_ALL: "C",
    ANTHROPIC_API_KEY: "sk-test",
    CLAUDE_CODE_MAX_RETRIES: "2",
    IS_SANDBOX: "1",
  };
  const env = buildCliEnv(
    {
      ...needed,
      REDIS_URL: "redis://:secret@db:6379",
      DASHBOARD_PASSWORD: "hunter2",
      API_TOKENS: "t".repeat(40),
      NODE_OPTIONS: "--inspect",
      CCW_JOB_ID: "inherited",
    },
    { markers: { installation: "inst1", worker: "w1", job: "job123456", run: "run1" }, maxRetries: 5 },
  );

  it("passes what the CLI needs", () => {
    expect(env).toMatchObject(needed);
  });

  it("keeps the dashboard's secrets and Node settings away from the job", () => {
    expect(env).not.toHaveProperty("REDIS_URL");
    expect(env).not.toHaveProperty("DASHBOARD_PASSWORD");
    expect(env).not.toHaveProperty("API_TOKENS");
    expect(env).not.toHaveProperty("NODE_OPTIONS");
  });

  it("marks every process of the run with its installation, worker, job and run", () => {
    expect(env).toMatchObject({
      CCW_INSTALLATION: "inst1",
      CCW_WORKER_ID: "w1",
      CCW_JOB_ID: "job123456",
      CCW_RUN_ID: "run1",
    });
  });

  it("marks nothing for a probe, and never passes on markers of its own environment", () => {
    const probe = buildCliEnv({ PATH: "/usr/bin", CCW_JOB_ID: "x", CCW_WORKER_ID: "y" });
    expect(Object.keys(probe).filter((name) => name.startsWith("CCW_"))).toEqual([]);
  });

  it("switches off the CLI's telemetry, error reports and update checks", () => {
    expect(env).toMatchObject({
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_ERROR_REPORTING: "1",
      DISABLE_AUTOUPDATER: "1",
    });
  });

  it("sets how often the CLI retries an API call, unless the worker's own environment says so", () => {
    expect(buildCliEnv({ PATH: "/usr/bin" }, { maxRetries: 2 }).CLAUDE_CODE_MAX_RETRIES).toBe("2");
    expect(env.CLAUDE_CODE_MAX_RETRIES).toBe("2");
    expect(buildCliEnv({ PATH: "/usr/bin" })).not.toHaveProperty("CLAUDE_CODE_MAX_RETRIES");
  });
});
