import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { healthProblems } from "@/lib/health";
import { getSystemStatus } from "@/lib/jobs/get-system-status";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-cli-version-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir, CLAUDE_FAKE_VERSION: "2.1.197" });

describe("a worker whose CLI is older than the supported range", () => {
  it("reports its version, and the banner says what that version gets wrong and what to do", async () => {
    const status = await getSystemStatus();
    const mine = status.workers.filter((candidate) => candidate.cli.version === "2.1.197");
    expect(mine, worker.output()).toHaveLength(1);
    const problem = healthProblems({ ...status, workers: mine }).find((found) =>
      found.title.includes("older than"),
    );
    expect(problem).toMatchObject({
      level: "degraded",
      title: expect.stringContaining(
        "is 2.1.197, older than 2.1.221: its init event reports no capabilities",
      ),
      fix: expect.stringContaining("npm install -g @anthropic-ai/claude-code@latest"),
    });
  });
});
