// The real Claude Code CLI (the bundled binary of this platform), run by the real worker through real Redis,
// answered by the Messages-API double on 127.0.0.1: no network, no account.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliDefects } from "@/lib/cli/cli-version";
import { parseCliLine } from "@/lib/cli-events";
import { jobPaths } from "@/lib/job-paths";
import { type JobResult, jobResultSchema } from "@/lib/job-result";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getQueueRedis } from "@/lib/queue";
import { readWorkerStatuses } from "@/lib/worker-status";
import { findProcessesWithEnv } from "@/worker/process-tree";
import { BUNDLED_CLI_VERSION } from "./support/bundled-cli-version";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { realCliWorkerDuringTests } from "./support/real-cli-worker";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-real-cli-"));
process.env.DATA_DIR = dataDir;

const cli = realCliWorkerDuringTests({ DATA_DIR: dataDir, WORKER_CONCURRENCY: "2" });

const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { timeoutMs: 45_000, context: () => cli.worker.output() });
const resultOf = (id: string): JobResult =>
  jobResultSchema.parse(JSON.parse(readFileSync(jobPaths(dataDir, id).result, "utf8")));
const eventsOf = (id: string) =>
  readFileSync(jobPaths(dataDir, id).events, "utf8").trimEnd().split("\n").map(parseCliLine);
const toolsUsed = (id: string) =>
  eventsOf(id).flatMap((line) =>
    line.kind === "assistant"
      ? line.event.message.content.flatMap((block) =>
          block.type === "tool_use" && "name" in block ? [block.name] : [],
        )
      : [],
  );
// Found by pid: workers that other test files killed outright are still listed for a while.
const myStatus = async () =>
  (await readWorkerStatuses(getQueueRedis())).find((candidate) => candidate.pid === cli.worker.process.pid);
const workspaceFile = (id: string, name: string) => path.join(jobPaths(dataDir, id).workspace, name);

describe("the real Claude CLI through the worker", () => {
  it("is found bundled, and the worker reports its version and credentials", async () => {
    const status = await myStatus();
    expect(status?.cli).toMatchObject({
      source: "bundled",
      version: BUNDLED_CLI_VERSION,
      problem: null,
      credentials: "api-key",
      apiBaseUrl: cli.api.url,
    });
  });

  it("writes a file with Write and then edits it with Edit", async () => {
    const { id } = await submit({ prompt: "Make notes mock:edit file:notes.md" });
    await waitFor(id, ["completed"]);
    expect(readFileSync(workspaceFile(id, "notes.md"), "utf8")).toBe("Hello from the edited mock model!\n");
    expect(toolsUsed(id)).toEqual(["Write", "Edit"]);
    expect(resultOf(id)).toMatchObject({
      outcome: "completed",
      exitCode: 0,
      text: "Done: I created notes.md and edited it.",
      numTurns: 3,
    });
    // The CLI prices the double's usage itself, by its own table: the job reports what it said.
    const reported = eventsOf(id).find((line) => line.kind === "result");
    expect(resultOf(id).costUsd).toBe(
      reported?.kind === "result" ? reported.event.total_cost_usd : undefined,
    );
    expect(resultOf(id).costUsd).toBeGreaterThan(0);
  });

  it("tells the dashboard what the CLI's init event said of itself once a job ran: its version and capabilities", async () => {
    const { id } = await submit({ prompt: "mock:text" });
    await waitFor(id, ["completed"]);
    await waitUntil(
      "the worker reports the init event",
      async () => (await myStatus())?.cli.reported?.version === BUNDLED_CLI_VERSION,
    );
    const status = await myStatus();
    expect(status?.cli.reported?.capabilities).toEqual(expect.arrayContaining(["interrupt_receipt_v1"]));
    expect(status && cliDefects(status.cli)).toEqual([]);
  });

  it("runs a Bash command", async () => {
    const { id } = await submit({ prompt: "mock:bash" });
    await waitFor(id, ["completed"]);
    expect(toolsUsed(id)).toEqual(["Bash"]);
    expect(readFileSync(workspaceFile(id, "bash-output.txt"), "utf8")).toBe("hello from bash\n");
  });

  it("fails a 401 with an authentication diagnosis after the CLI's own retries", async () => {
    const { id } = await submit({ prompt: "mock:error-401" });
    const job = await waitFor(id, ["failed"]);
    expect(job.failedReason).toBe(
      "The API refused the credentials (401): the API key is invalid or revoked.",
    );
    expect(resultOf(id).text).toContain("401");
    expect(resultOf(id).diagnosis?.fix).toContain("ANTHROPIC_API_KEY");
    expect(eventsOf(id).filter((line) => line.kind === "api_retry")).toHaveLength(2);
    // A bad key does not get better by waiting: no automatic retry, though the job had attempts left.
    expect(job.opts.attempts).toBe(3);
    expect(job.attemptsMade).toBe(1);
  });

  it("recovers from one 529 and completes", async () => {
    const { id } = await submit({ prompt: "mock:error-529-once file:after-529.txt" });
    await waitFor(id, ["completed"]);
    const retries = eventsOf(id).filter((line) => line.kind === "api_retry");
    expect(retries.map((line) => line.kind === "api_retry" && line.event.error_status)).toEqual([529]);
    expect(existsSync(workspaceFile(id, "after-529.txt"))).toBe(true);
  });

  it("fails when max turns is reached, and says so", async () => {
    const { id } = await submit({ prompt: "mock:write file:one-turn.txt", maxTurns: 1 });
    const job = await waitFor(id, ["failed"]);
    expect(job.failedReason).toMatch(/used all its turns/);
    expect(resultOf(id).subtype).toBe("error_max_turns");
  });

  it("follows up on a finished job: resumes its session in its working directory, as a new job", async () => {
    const first = await submit({ prompt: "Start mock:write file:first.md" });
    await waitFor(first.id, ["completed"]);
    const sessionId = resultOf(first.id).sessionId;
    const followUp = await submit({
      prompt: "Now run a command mock:bash",
      resumeSessionId: sessionId,
      parentJobId: first.id,
    });
    await waitFor(followUp.id, ["completed"]);
    expect(resultOf(followUp.id)).toMatchObject({
      sessionId,
      text: "Done: the command wrote bash-output.txt.",
    });
    // The follow-up worked in the first job's workspace, beside the file the first one wrote.
    expect(readFileSync(workspaceFile(first.id, "bash-output.txt"), "utf8")).toBe("hello from bash\n");
    expect(existsSync(workspaceFile(first.id, "first.md"))).toBe(true);
  });

  it("fails a follow-up of a session the CLI does not know, saying why", async () => {
    const first = await submit({ prompt: "mock:text" });
    await waitFor(first.id, ["completed"]);
    const { id } = await submit({
      prompt: "mock:text",
      resumeSessionId: "99999999-2222-4333-8444-555555555555",
      parentJobId: first.id,
    });
    const job = await waitFor(id, ["failed"]);
    expect(job.failedReason).toMatch(/session to resume was not found/);
  });

  // acceptEdits asks before commands like these: the jobs allow Bash, as a user would for such work.
  describe("leaves no process behind, though the Bash tool starts its commands in sessions of their own", () => {
    /** Processes of the job that run `sleep 300`. */
    const sleepsOf = async (id: string) =>
      (await findProcessesWithEnv("CCW_JOB_ID", id)).filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("sleep\u0000300");
        } catch {
          return false;
        }
      });

    it("after a cancel", async () => {
      const { id } = await submit({ prompt: "mock:bash-sleep", allowedTools: "Bash" });
      await waitUntil("its sleeps run", async () => (await sleepsOf(id)).length >= 2, 30_000);
      expect(await cancelJob(id)).toEqual({ ok: true, state: "cancelling" });
      await waitFor(id, ["failed"]);
      expect(resultOf(id).outcome).toBe("cancelled");
      expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
    });

    it("after a timeout", async () => {
      const { id } = await submit({ prompt: "mock:bash-sleep", allowedTools: "Bash", timeoutSeconds: 10 });
      await waitUntil("its sleeps run", async () => (await sleepsOf(id)).length >= 2, 30_000);
      await waitFor(id, ["failed"]);
      expect(resultOf(id).diagnosis?.code).toBe("timed-out");
      expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
    });

    it("after a normal end", async () => {
      const { id } = await submit({ prompt: "mock:bash-background", allowedTools: "Bash" });
      await waitFor(id, ["completed"]);
      expect(resultOf(id).text).toBe("Done: it runs in the background.");
      expect(await findProcessesWithEnv("CCW_JOB_ID", id)).toEqual([]);
    });
  });

  it("completes a job whose tool was refused by the permission mode, with the refusal as a warning", async () => {
    const { id } = await submit({ prompt: "mock:write file:refused.txt", permissionMode: "default" });
    await waitFor(id, ["completed"]);
    expect(resultOf(id).permissionDenials.map((denial) => denial.tool_name)).toEqual(["Write"]);
    expect(existsSync(workspaceFile(id, "refused.txt"))).toBe(false);
  });
});
