import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("uses safe defaults when nothing is set", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      redisUrl: undefined,
      claudeBin: undefined,
      cliMaxRetries: 2,
      demo: false,
    });
    expect(config.dataDir).toBe(path.resolve("data"));
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ PORT: "", REDIS_URL: "" })).toMatchObject({ port: 3000, redisUrl: undefined });
  });

  it("reads and converts every value", () => {
    const config = parseConfig({
      PORT: "8080",
      HOST: "localhost",
      REDIS_URL: "redis://:secret@db:6380/2",
      DATA_DIR: "/srv/ccw",
      WORKER_CONCURRENCY: "4",
      CLAUDE_BIN: "/opt/claude",
      CLI_MAX_RETRIES: "0",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "localhost",
      redisUrl: "redis://:secret@db:6380/2",
      dataDir: "/srv/ccw",
      workerConcurrency: 4,
      claudeBin: "/opt/claude",
      cliMaxRetries: 0,
    });
  });

  it("names each bad variable with its value and what is expected", () => {
    const problems = problemsOf({
      PORT: "http",
      WORKER_CONCURRENCY: "0",
      REDIS_URL: "localhost:6379",
      CLI_MAX_RETRIES: "many",
      KILL_GRACE_SECONDS: "0x10",
      JOB_ISOLATION: "strict",
      JOB_NETWORK_DOMAINS: "registry.npmjs.org,http://evil",
      TOOL_APPROVALS_IN_DIRECTORIES: "always",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT="http": PORT must be a whole number from 1 to 65535',
        'WORKER_CONCURRENCY="0": WORKER_CONCURRENCY must be a whole number from 1 to 64',
        'CLI_MAX_RETRIES="many": CLI_MAX_RETRIES must be a whole number from 0 to 20',
        'KILL_GRACE_SECONDS="0x10": KILL_GRACE_SECONDS must be a whole number from 1 to 300',
        expect.stringContaining('JOB_ISOLATION="strict": JOB_ISOLATION must be auto'),
        expect.stringContaining(
          'JOB_NETWORK_DOMAINS="registry.npmjs.org,http://evil": JOB_NETWORK_DOMAINS must be',
        ),
        expect.stringContaining("REDIS_URL=(hidden): REDIS_URL must look like redis://"),
        expect.stringContaining(
          'TOOL_APPROVALS_IN_DIRECTORIES="always": TOOL_APPROVALS_IN_DIRECTORIES must be ask',
        ),
      ]),
    );
  });

  it("refuses a default timeout above the maximum", () => {
    expect(problemsOf({ JOB_TIMEOUT_SECONDS: "600", MAX_JOB_TIMEOUT_SECONDS: "300" })[0]).toContain(
      "JOB_TIMEOUT_SECONDS is above MAX_JOB_TIMEOUT_SECONDS",
    );
  });

  it("refuses a HOST beyond this machine without a password, saying what to set", () => {
    expect(problemsOf({ HOST: "0.0.0.0" })).toEqual([
      expect.stringMatching(/^HOST="0\.0\.0\.0": .*set DASHBOARD_PASSWORD \(12\+ characters\)/),
    ]);
    expect(parseConfig({ HOST: "0.0.0.0", DASHBOARD_PASSWORD: "a long enough secret" }).host).toBe("0.0.0.0");
  });

  it("keeps only digests of the password and tokens, and never shows a secret in a message", () => {
    const token = "x".repeat(40);
    const config = parseConfig({
      DASHBOARD_PASSWORD: "a long enough secret",
      API_TOKENS: `${token}, ${"y".repeat(32)}`,
    });
    expect(JSON.stringify(config)).not.toContain("a long enough secret");
    expect(JSON.stringify(config)).not.toContain(token);
    expect(config.auth.tokenDigests).toHaveLength(2);
    const problems = problemsOf({
      DASHBOARD_PASSWORD: "too-short",
      API_TOKENS: "tiny",
      REDIS_URL: "pw@host",
    });
    expect(problems.join("\n")).not.toMatch(/too-short|tiny|pw@host/);
    expect(problems).toEqual(
      expect.arrayContaining([
        "DASHBOARD_PASSWORD=(hidden): DASHBOARD_PASSWORD must be at least 12 characters",
        expect.stringContaining("API_TOKENS=(hidden): API_TOKENS must be comma-separated tokens"),
      ]),
    );
  });
});
