import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deleteJob } from "@/lib/jobs/delete-job";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { getJobDetail } from "@/lib/jobs/get-job";
import { submit, waitForState } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-thread-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir });

const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { context: () => worker.output() });

async function followUp(parentId: string, prompt: string): Promise<string> {
  const child = await followUpJob(parentId, prompt);
  if (!child.ok) throw new Error(JSON.stringify(child));
  await waitFor(child.id, ["completed", "failed"]);
  return child.id;
}

const threadOf = async (id: string) => (await getJobDetail(id))?.thread;

describe("a job's thread", () => {
  it("holds the turns before it, oldest first, and the follow-ups made from it, each with its answer", async () => {
    const first = await submit({ prompt: "file:one.txt" });
    await waitFor(first.id, ["completed"]);
    const second = await followUp(first.id, "file:two.txt");
    const failed = await followUp(second, "scenario:fail");
    const third = await followUp(second, "file:three.txt");

    expect(await threadOf(first.id)).toMatchObject({
      earlier: [],
      followUps: [{ id: second, prompt: "file:two.txt", state: "completed" }],
    });
    expect(await threadOf(second)).toEqual({
      earlier: [
        expect.objectContaining({ id: first.id, prompt: "file:one.txt", answer: "Done: I created one.txt." }),
      ],
      followUps: [
        expect.objectContaining({ id: failed, state: "failed", answer: expect.stringContaining("API") }),
        expect.objectContaining({ id: third, state: "completed", answer: "Done: I created three.txt." }),
      ],
    });
    expect((await threadOf(third))?.earlier.map((turn) => turn.id)).toEqual([first.id, second]);

    // A parent names the follow-ups that keep it, so the page can link them.
    expect(await deleteJob(second)).toMatchObject({
      ok: false,
      status: 409,
      followUps: [failed, third].sort(),
    });
    expect(await deleteJob(failed)).toEqual({ ok: true });
    expect((await threadOf(second))?.followUps.map((turn) => turn.id)).toEqual([third]);
  });
});
