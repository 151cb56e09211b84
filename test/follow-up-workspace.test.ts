import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { getJobDetail } from "@/lib/jobs/get-job";
import { submit, waitForState } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-follow-up-workspace-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir });

const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { context: () => worker.output() });

async function followUp(parentId: string, prompt: string, states = ["completed"]): Promise<string> {
  const child = await followUpJob(parentId, prompt);
  if (!child.ok) throw new Error(JSON.stringify(child));
  await waitFor(child.id, states);
  return child.id;
}

describe("where a follow-up runs", () => {
  it("is its chain's first workspace, told by the submitted specs, whatever a job.json says", async () => {
    const first = await submit({ prompt: "file:one.txt" });
    await waitFor(first.id, ["completed"]);
    const second = await followUp(first.id, "file:two.txt");
    // A job can rewrite its own record: the next follow-up must not go where it says.
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "ccw-elsewhere-"));
    const record = jobPaths(dataDir, second).spec;
    writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, "utf8")), cwd: elsewhere }));
    const third = await followUp(second, "file:three.txt");

    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(jobPaths(dataDir, first.id).workspace).sort()).toEqual([
      "one.txt",
      "three.txt",
      "two.txt",
    ]);
    expect((await getJobDetail(third))?.files.map((file) => file.path)).toEqual([
      "one.txt",
      "three.txt",
      "two.txt",
    ]);
  });

  it("is refused, saying why, when the parent's workspace has become a link out of its folder", async () => {
    const first = await submit({ prompt: "file:one.txt" });
    await waitFor(first.id, ["completed"]);
    const outside = mkdtempSync(path.join(os.tmpdir(), "ccw-outside-"));
    mkdirSync(path.join(outside, "etc"));
    const workspace = jobPaths(dataDir, first.id).workspace;
    renameSync(workspace, `${workspace}.orig`);
    symlinkSync(outside, workspace);

    const child = await followUp(first.id, "file:planted.txt", ["failed"]);
    const detail = await getJobDetail(child);
    expect(detail?.result?.diagnosis).toMatchObject({
      code: "working-directory",
      cause: expect.stringContaining(`workspace is a symbolic link (to ${outside})`),
    });
    expect(existsSync(path.join(outside, "planted.txt"))).toBe(false);
    expect(detail?.filesRefused).toContain("symbolic link");
  });
});
