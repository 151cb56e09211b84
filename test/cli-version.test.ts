import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { healthProblems } from "@/lib/health";
import { getSystemStatus } from "@/lib/jobs/get-system-status";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { FAKE_CLAUDE, workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-cli-version-"));
process.env.DATA_DIR = dataDir;
/** The CLAUDE_BIN of this file's worker: a fake CLI of the version written into it, replaceable while it runs. */
const claudeBin = path.join(dataDir, "claude");
const installCli = (version: string) => {
  writeFileSync(claudeBin, `#!/bin/sh\nCLAUDE_FAKE_VERSION=${version} exec "${FAKE_CLAUDE}" "$@"\n`);
  chmodSync(claudeBin, 0o755);
};
installCli("2.1.197");
const worker = workerDuringTests({ DATA_DIR: dataDir, CLAUDE_BIN: claudeBin });

const myWorkers = async () =>
  (await getSystemStatus()).workers.filter((found) => found.cli.bin === claudeBin);
const outdatedProblem = async () => {
  const status = await getSystemStatus();
  return healthProblems({ ...status, workers: await myWorkers() }).find((found) =>
    found.title.includes("older than"),
  );
};

describe("a worker whose CLI is older than the supported range", () => {
  it("reports its version, and the banner says what that version gets wrong and what to do", async () => {
    expect(await myWorkers(), worker.output()).toHaveLength(1);
    expect(await outdatedProblem()).toMatchObject({
      level: "degraded",
      title: expect.stringContaining(
        "is 2.1.197, older than 2.1.221: its init event reports no capabilities",
      ),
      fix: expect.stringContaining("npm install -g @anthropic-ai/claude-code@latest"),
    });
  });

  it("believes a job's init event over its --version at start: a CLI upgraded in place is no longer outdated", async () => {
    installCli("2.1.332");
    const { id } = await submit({ prompt: "scenario:success" });
    await waitForState(id, ["completed"], { context: worker.output });
    await waitUntil("the worker has told what the CLI reported", async () =>
      (await myWorkers()).some((found) => found.cli.reported?.version === "2.1.332"),
    );
    const [mine] = await myWorkers();
    expect(mine?.cli).toMatchObject({
      version: "2.1.197",
      reported: { version: "2.1.332", capabilities: ["interrupt_receipt_v1"], pendingMcpServers: [] },
    });
    expect(await outdatedProblem()).toBeUndefined();
  });
});
