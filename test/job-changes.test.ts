import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { getJobChanges } from "@/lib/jobs/get-job-changes";
import { submit, waitForState } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-job-changes-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir });

const waitFor = (id: string) => waitForState(id, ["completed"], { context: () => worker.output() });
async function changedPaths(id: string): Promise<string[]> {
  const found = await getJobChanges(id);
  if (!found.ok) throw new Error(found.error);
  return found.changes.files.map((file) => `${file.status} ${file.path}`);
}

describe("a scratch job's changes", () => {
  it("are its own files, and a follow-up's only what the follow-up did, though they share one workspace", async () => {
    const first = await submit({ prompt: "file:one.txt" });
    await waitFor(first.id);
    expect(await changedPaths(first.id)).toEqual(["added one.txt"]);

    const second = await followUpJob(first.id, "file:two.txt");
    if (!second.ok) throw new Error(JSON.stringify(second));
    await waitFor(second.id);
    expect(await changedPaths(second.id)).toEqual(["added two.txt"]);
    // The first job's changes end where the follow-up began.
    expect(await changedPaths(first.id)).toEqual(["added one.txt"]);
    const found = await getJobChanges(second.id);
    expect(found.ok && found.changes).toMatchObject({
      live: true,
      files: [{ path: "two.txt", patch: expect.stringContaining("+++ b/two.txt") }],
    });
  });

  it("say so for a job that is not there", async () => {
    expect(await getJobChanges("0zzzzzzzzzzzzzzzz")).toMatchObject({ ok: false, status: 404 });
  });
});
