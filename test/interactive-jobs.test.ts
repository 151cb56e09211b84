// Jobs that ask before tools run, with the real CLI through the real worker and the Messages-API double: a request
// shows as the job's, is answered once (a second answer is told it came late), and the CLI acts on the answer.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ToolRequest } from "@/lib/approvals/tool-requests";
import { jobPaths } from "@/lib/job-paths";
import type { JobProgress } from "@/lib/job-progress";
import { answerJobRequest } from "@/lib/jobs/answer-job-request";
import { getJobRequests } from "@/lib/jobs/get-job-requests";
import { interruptJob, messageJob } from "@/lib/jobs/message-job";
import { getJobQueue } from "@/lib/queue";
import { cliLinesOf } from "./support/cli-log";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { realCliWorkerDuringTests } from "./support/real-cli-worker";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-interactive-jobs-"));
process.env.DATA_DIR = dataDir;
const cli = realCliWorkerDuringTests({
  DATA_DIR: dataDir,
  WORKER_CONCURRENCY: "2",
  APPROVAL_TIMEOUT_SECONDS: "14",
  // Short locks, so a killed worker's job is taken up again in seconds.
  LOCK_SECONDS: "2",
});

const finished = (id: string) =>
  waitForState(id, ["completed", "failed"], { timeoutMs: 45_000, context: () => cli.worker.output() });

async function askedOf(id: string): Promise<ToolRequest> {
  let asked: ToolRequest | undefined;
  await waitUntil(
    "the job asks",
    async () => {
      [asked] = await getJobRequests(id);
      return asked !== undefined;
    },
    30_000,
  );
  return asked as ToolRequest;
}

const bashJob = (command: string) =>
  submit({
    prompt: `mock:bash-run \`\`\`${command}\`\`\``,
    permissionMode: "default",
    toolApprovals: "ask",
  });

describe("a job that asks before tools run", () => {
  it("waits for a person, shows what it asks, and runs the tool once allowed; a second answer comes too late", async () => {
    const { id } = await bashJob("echo allowed > allowed.txt");
    const asked = await askedOf(id);
    expect(asked).toMatchObject({
      kind: "tool",
      toolName: "Bash",
      input: { command: "echo allowed > allowed.txt" },
    });
    // The job's progress says it needs someone (saved twice a second at most).
    await waitUntil("the job's progress names the open request", async () => {
      const job = await getJobQueue().getJob(id);
      return (job?.progress as JobProgress | undefined)?.openRequests?.[0]?.requestId === asked.requestId;
    });
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "allowed.txt"))).toBe(false);

    const [first, second] = await Promise.all([
      answerJobRequest(id, asked.requestId, { decision: "allow" }, "alice"),
      answerJobRequest(id, asked.requestId, { decision: "deny", message: "no" }, "bob"),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    // The later one is told whose answer the job got.
    expect([first, second].find((answer) => !answer.ok)).toMatchObject({
      status: 409,
      error: `This request was answered already, by ${first.ok ? "alice" : "bob"}: that answer is the one the job got.`,
    });
    const done = await finished(id);
    // Whichever came first is what the job did.
    const allowed = first.ok;
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "allowed.txt"))).toBe(allowed);
    expect(done.returnvalue ?? done.failedReason).toBeDefined();
    const answers = cliLinesOf(dataDir, id).filter((line) => line.kind === "request_answered");
    expect(answers).toHaveLength(1);
    // The log says who answered: the one whose answer was applied.
    expect(answers[0]).toMatchObject({ event: { by: allowed ? "alice" : "bob" } });
    expect(await getJobRequests(id)).toEqual([]);
  });

  it("tells the model a refusal's message", async () => {
    const { id } = await bashJob("echo refused > refused.txt");
    const asked = await askedOf(id);
    expect(
      await answerJobRequest(
        id,
        asked.requestId,
        { decision: "deny", message: "Not in this job, please." },
        "alice",
      ),
    ).toEqual({ ok: true });
    await finished(id);
    expect(cli.api.requests.flatMap((request) => request.toolResults ?? [])).toContain(
      "Not in this job, please.",
    );
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "refused.txt"))).toBe(false);
    const answered = cliLinesOf(dataDir, id).find((line) => line.kind === "request_answered");
    expect(answered?.kind === "request_answered" && answered.event).toMatchObject({
      decision: "deny",
      message: "Not in this job, please.",
    });
  });

  it("refuses a request no one answers in time, and says so, without the job counting as idle", async () => {
    const { id } = await submit({
      prompt: "mock:bash-run ```echo late > late.txt```",
      permissionMode: "default",
      toolApprovals: "ask",
      // Shorter than the time a person is given (14 s): it would end the job first, were waiting idleness.
      idleTimeoutSeconds: 10,
    });
    await askedOf(id);
    const done = await finished(id);
    expect(done.finishedOn).toBeDefined();
    const answered = cliLinesOf(dataDir, id).find((line) => line.kind === "request_answered");
    expect(answered?.kind === "request_answered" && answered.event.message).toMatch(
      /No one answered within 14 seconds/,
    );
    // No person answered it: the log names no one.
    expect(answered?.kind === "request_answered" && "by" in answered.event).toBe(false);
    expect(JSON.parse(readFileSync(jobPaths(dataDir, id).result, "utf8"))).toMatchObject({
      outcome: "completed",
    });
  });
});

describe("a running job that asks", () => {
  it("stops its turn when interrupted, withdrawing what it asked, and takes the next message as a new turn", async () => {
    const { id } = await bashJob("echo never > never.txt");
    const asked = await askedOf(id);
    expect(await interruptJob(id, "alice")).toEqual({ ok: true });
    await waitUntil("the request is withdrawn", async () => (await getJobRequests(id)).length === 0);
    // The interrupted turn is over, and the job waits: still running.
    await waitUntil("the interrupted turn ends", () =>
      cliLinesOf(dataDir, id).some((line) => line.kind === "result"),
    );
    expect(await getJobQueue().getJobState(id)).toBe("active");
    expect(await messageJob(id, "mock:text", "alice")).toEqual({ ok: true });
    const done = await finished(id);
    expect(await done.getState()).toBe("completed");
    const lines = cliLinesOf(dataDir, id);
    expect(lines.filter((line) => line.kind === "result")).toHaveLength(2);
    expect(
      lines.some(
        (line) => line.kind === "control_cancel_request" && line.event.request_id === asked.requestId,
      ),
    ).toBe(true);
    expect(lines.find((line) => line.kind === "message_sent")).toMatchObject({
      event: { text: "mock:text", by: "alice" },
    });
    expect(lines.find((line) => line.kind === "interrupted")).toMatchObject({ event: { by: "alice" } });
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "never.txt"))).toBe(false);
    // Ended, it takes no more.
    expect(await messageJob(id, "too late", "alice")).toMatchObject({ ok: false, status: 409 });
  });

  it("is refused a message when it does not ask, as it does not listen", async () => {
    const { id } = await submit({ prompt: "mock:slow" });
    await waitForState(id, ["active"], { timeoutMs: 30_000 });
    expect(await messageJob(id, "hello", "alice")).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("Ask me before tools run"),
    });
    await finished(id);
  });
});

describe("a worker that stops while a job asks", () => {
  it("refuses what is open when shut down, saying why, and the job goes on to its end", async () => {
    const { id } = await bashJob("echo shutdown > shutdown.txt");
    await askedOf(id);
    const restarted = cli.restart("SIGTERM");
    const done = await finished(id);
    await restarted;
    expect(await done.getState()).toBe("completed");
    const answered = cliLinesOf(dataDir, id).find((line) => line.kind === "request_answered");
    expect(answered?.kind === "request_answered" && answered.event).toMatchObject({
      decision: "deny",
      message: expect.stringContaining("is shutting down"),
    });
    expect(existsSync(path.join(jobPaths(dataDir, id).workspace, "shutdown.txt"))).toBe(false);
    expect(await getJobRequests(id)).toEqual([]);
  });

  it("when killed, has the job's next run say the request died with it, and ask afresh", async () => {
    const { id } = await bashJob("echo killed > killed.txt");
    const first = await askedOf(id);
    await cli.restart("SIGKILL");
    let again: ToolRequest | undefined;
    await waitUntil(
      "the next run asks again",
      async () => {
        [again] = await getJobRequests(id);
        return again !== undefined && again.fence !== first.fence;
      },
      45_000,
    );
    const refusal = cliLinesOf(dataDir, id).find(
      (line) => line.kind === "request_answered" && line.event.request_id === first.requestId,
    );
    expect(refusal?.kind === "request_answered" && refusal.event).toMatchObject({
      decision: "deny",
      message: expect.stringContaining("stopped (restarted, or killed) before anyone answered"),
    });
    expect(await answerJobRequest(id, first.requestId, { decision: "allow" }, "alice")).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(
      await answerJobRequest(id, (again as ToolRequest).requestId, { decision: "allow" }, "alice"),
    ).toEqual({ ok: true });
    expect(await (await finished(id)).getState()).toBe("completed");
    expect(readFileSync(path.join(jobPaths(dataDir, id).workspace, "killed.txt"), "utf8")).toBe("killed\n");
  });
});
