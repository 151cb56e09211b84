import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getBullBoardApp } from "@/lib/bull-board";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getJobDetail } from "@/lib/jobs/get-job";
import { getSystemStatus } from "@/lib/jobs/get-system-status";
import { getJobQueue } from "@/lib/queue";
import { submit, waitForCliStart, waitForState, waitUntil } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-board-"));
process.env.DATA_DIR = dataDir;
const worker = workerDuringTests({ DATA_DIR: dataDir, KILL_GRACE_SECONDS: "1" });

/** A request to bull-board as the dashboard's route hands it over. */
function board(method: string, route: string): Promise<Response> {
  return Promise.resolve(
    getBullBoardApp().fetch(new Request(`http://127.0.0.1/admin/queues${route}`, { method })),
  );
}

const waitFor = (id: string, states: string[]) =>
  waitForState(id, states, { context: () => worker.output() });
const stateOf = async (id: string) => (await getJobDetail(id))?.state;

describe("bull-board at /admin/queues", () => {
  it("serves its page with our fonts instead of Google's, and its own files", async () => {
    const page = await board("GET", "");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("fonts.googleapis.com");
    expect(html).toContain('<link href="fonts/plex.css" rel="stylesheet">');
    expect(html).toContain('<base href="/admin/queues/"');

    const css = await (await board("GET", "/fonts/plex.css")).text();
    expect(css).toContain("font-family: 'IBM Plex Sans'");
    expect(css).toContain("font-family: 'IBM Plex Mono'");
    const fontFile = /url\(\.\/files\/(ibm-plex-sans-latin-400-normal\.woff2)\)/.exec(css)?.[1];
    const font = await board("GET", `/fonts/files/${fontFile}`);
    expect([font.status, font.headers.get("content-type")]).toEqual([200, "font/woff2"]);
    expect((await board("GET", "/fonts/files/..%2F..%2Fpackage.json")).status).toBe(404);

    const stylesheet = /href="(static\/css\/[^"]+)"/.exec(html)?.[1];
    expect((await board("GET", `/${stylesheet}`)).status).toBe(200);
  });

  it("lists our queues, the jobs' with its counts, and the webhook deliveries' read-only", async () => {
    const { id } = await submit({ prompt: "file:counted.txt" });
    await waitFor(id, ["completed"]);
    const { queues } = (await (await board("GET", "/api/queues")).json()) as {
      queues: { name: string; displayName: string; counts: Record<string, number> }[];
    };
    expect(queues.map((queue) => [queue.name, queue.displayName])).toEqual([
      ["jobs", "Claude Code jobs"],
      ["webhooks", "Webhook deliveries"],
    ]);
    expect(queues[1]).toMatchObject({ readOnlyMode: true });
    expect(queues[0]?.counts.completed).toBe(await getJobQueue().getJobCountByTypes("completed"));
  });

  it("retries a job cancelled in our dashboard, which then runs to the end rather than being cancelled again", async () => {
    const { id } = await submit({ prompt: "scenario:slow turns:2 file:again.txt" });
    await waitFor(id, ["active"]);
    await waitForCliStart(dataDir, id);
    await cancelJob(id);
    await waitUntil("it is cancelled", async () => (await stateOf(id)) === "cancelled");

    expect((await board("PUT", `/api/queues/jobs/${id}/retry`)).ok).toBe(true);
    await waitFor(id, ["completed"]);
    expect(await stateOf(id)).toBe("completed");
  });

  it("promotes a delayed job, pauses and resumes the queue, and cleans completed jobs", async () => {
    const { id } = await submit({ prompt: "file:later.txt", delaySeconds: 3600 });
    expect((await board("PUT", `/api/queues/jobs/${id}/promote`)).ok).toBe(true);
    await waitFor(id, ["completed"]);

    expect((await board("PUT", "/api/queues/jobs/pause")).ok).toBe(true);
    expect((await getSystemStatus()).queuePaused).toBe(true);
    const held = await submit({ prompt: "file:held.txt" });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await stateOf(held.id)).toBe("waiting");
    expect((await board("PUT", "/api/queues/jobs/resume")).ok).toBe(true);
    expect((await getSystemStatus()).queuePaused).toBe(false);
    await waitFor(held.id, ["completed"]);

    // bull-board cleans jobs finished more than 5 s ago.
    await new Promise((resolve) => setTimeout(resolve, 5200));
    expect((await board("PUT", "/api/queues/jobs/clean/completed")).ok).toBe(true);
    await waitUntil(
      "completed jobs are cleaned",
      async () => (await getJobQueue().getJobCountByTypes("completed")) === 0,
    );
    expect(await getJobQueue().getJob(held.id)).toBeUndefined();
  });
});
