// A job's tools, run by the real CLI through the real worker, reaching for what is not the job's own: the
// dashboard's session secret, another job's result, the worker's environment (its Redis URL and tokens) and Redis
// itself. This host has bubblewrap and socat (npm test installs them), so the worker sandboxes every job.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { getQueueRedis } from "@/lib/queue";
import { readWorkerStatuses } from "@/lib/worker-status";
import { cliLinesOf, toolResultsOf } from "./support/cli-log";
import { submit, waitForState } from "./support/jobs";
import { realCliWorkerDuringTests } from "./support/real-cli-worker";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-isolation-"));
process.env.DATA_DIR = dataDir;
const SESSION_SECRET = "session-secret-that-no-job-may-read";

const cli = realCliWorkerDuringTests({ DATA_DIR: dataDir, WORKER_CONCURRENCY: "2" });

const finished = (id: string) =>
  waitForState(id, ["completed", "failed"], { timeoutMs: 45_000, context: () => cli.worker.output() });
const eventsOf = (id: string) => cliLinesOf(dataDir, id);
/** What the job's one tool call gave back to the model. */
const toolResultOf = (id: string) => toolResultsOf(dataDir, id);

describe("a sandboxed job", () => {
  it("is said to be sandboxed by its worker, on every page", async () => {
    const status = (await readWorkerStatuses(getQueueRedis())).find((w) => w.pid === cli.worker.process.pid);
    expect(status?.isolation?.level).toBe("sandbox");
  });

  it("reads none of the dashboard's secrets, another job's result or the worker's environment, nor reaches Redis, and its log says why", async () => {
    writeFileSync(path.join(dataDir, "session-secret"), SESSION_SECRET);
    const other = await submit({ prompt: "mock:text" });
    await finished(other.id);
    const otherResult = jobPaths(dataDir, other.id).result;
    expect(readFileSync(otherResult, "utf8")).toContain('"outcome"');

    const redisPort = new URL(process.env.REDIS_URL ?? "").port;
    const command = [
      `cat ${path.join(dataDir, "session-secret")}`,
      `cat ${otherResult}`,
      `cat /proc/${cli.worker.process.pid}/environ`,
      `(exec 3<>/dev/tcp/127.0.0.1/${redisPort} && echo REDIS-REACHED)`,
      "echo own-file > own.txt",
      "cat own.txt",
    ].join("; ");
    const { id } = await submit({ prompt: `mock:bash-run \`\`\`${command}\`\`\``, allowedTools: ["Bash"] });
    await finished(id);

    const said = toolResultOf(id);
    expect(said).toContain("own-file");
    expect(said).not.toContain(SESSION_SECRET);
    expect(said).not.toContain('"outcome"');
    expect(said).not.toContain("REDIS_URL");
    expect(said).not.toContain("REDIS-REACHED");
    expect(said.match(/No such file or directory/g)?.length).toBeGreaterThanOrEqual(3);
    const [first] = eventsOf(id);
    expect(first?.kind === "isolation" && first.event).toMatchObject({
      level: "sandbox",
      detail: expect.stringContaining("sees only its own folder"),
    });
  });

  it("cannot read the session secret with the CLI's own Read tool, nor write outside its folder with Write", async () => {
    const tool = (name: string, input: Record<string, unknown>) =>
      // Allowed outright, so only the sandbox can stop it.
      submit({ prompt: `mock:tool \`\`\`${JSON.stringify({ name, input })}\`\`\``, allowedTools: [name] });
    const stamp = Date.now();
    const outside = `/var/tmp/written-by-a-job-${stamp}.txt`;
    const inTmp = path.join(os.tmpdir(), `written-by-a-job-${stamp}.txt`);
    const jobs = await Promise.all([
      tool("Read", { file_path: path.join(dataDir, "session-secret") }),
      tool("Write", { file_path: outside, content: "x" }),
      tool("Write", { file_path: inTmp, content: "x" }),
    ]);
    await Promise.all(jobs.map((job) => finished(job.id)));
    const [read, write, tmpWrite] = jobs.map((job) => toolResultOf(job.id));
    expect(read).not.toContain(SESSION_SECRET);
    expect(read).toContain("does not exist");
    expect(write).toContain("read-only file system");
    expect(() => readFileSync(outside)).toThrow();
    // The run's temporary directory is its own, and gone with it.
    expect(tmpWrite).toContain("File created successfully");
    expect(() => readFileSync(inTmp)).toThrow();
  });
});
