import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { listJobs } from "@/lib/jobs/list-jobs";
import { closeJobQueue, getJobQueue } from "@/lib/queue";
import { submit } from "./support/jobs";

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ccw-list-"));

afterAll(async () => {
  // Its delayed jobs would otherwise wait in the shared queue for the workers of later files.
  await getJobQueue().obliterate({ force: true });
  await closeJobQueue();
});

// No worker runs here: delayed jobs stay put. Other test files share this Redis, so counts are compared, not fixed.
describe("listJobs", () => {
  it("counts every tab, with a job cancelled before it ran under cancelled", async () => {
    const before = (await listJobs()).counts;
    const zebra = await submit({ prompt: "Paint stripes", title: "Zebra crossing", delaySeconds: 600 });
    await submit({ prompt: "Find the yak in the barn", delaySeconds: 600 });
    await cancelJob(zebra.id);
    const after = (await listJobs()).counts;
    expect(after.delayed - before.delayed).toBe(1);
    expect(after.cancelled - before.cancelled).toBe(1);
    expect(after.all - before.all).toBe(2);
  });

  it("lists a tab's jobs only, and finds words in titles and prompts", async () => {
    const id = (await submit({ prompt: "Groom the okapi", title: "Okapi care", delaySeconds: 600 })).id;
    const delayed = await listJobs({ tab: "delayed", q: "" });
    expect(delayed.jobs.every((job) => job.state === "delayed")).toBe(true);
    expect(delayed.jobs.map((job) => job.id)).toContain(id);

    expect((await listJobs({ tab: "all", q: "OKAPI care" })).jobs.map((job) => job.id)).toEqual([id]);
    expect((await listJobs({ tab: "all", q: "groom the" })).jobs.map((job) => job.id)).toEqual([id]);
    expect((await listJobs({ tab: "completed", q: "okapi" })).jobs).toEqual([]);

    const cancelled = await listJobs({ tab: "cancelled", q: "zebra" });
    expect(cancelled.jobs.map((job) => [job.label, job.state])).toEqual([["Zebra crossing", "cancelled"]]);
  });

  it("finds words anywhere in a long prompt, and keeps finding new jobs after a search", async () => {
    const long = await submit({
      prompt: `${"Plan the migration. ".repeat(400)}Then feed the quokka.`,
      delaySeconds: 600,
    });
    expect((await listJobs({ q: "quokka" })).jobs.map((job) => job.id)).toEqual([long.id]);
    // Texts are kept between searches: a job submitted after one is found by the next.
    const later = await submit({ prompt: "Brush the quokka", delaySeconds: 600 });
    expect((await listJobs({ q: "quokka" })).jobs.map((job) => job.id)).toEqual([later.id, long.id]);
    expect((await listJobs({ q: "brush the quokka" })).jobs.map((job) => job.id)).toEqual([later.id]);
  });

  it("counts, under a search, only the jobs that match it", async () => {
    await submit({ prompt: "Feed the tapir", delaySeconds: 600 });
    await submit({ prompt: "Weigh the tapir", delaySeconds: 600 });
    const { counts, total } = await listJobs({ tab: "all", q: "tapir" });
    expect(counts).toMatchObject({ all: 2, delayed: 2, completed: 0, cancelled: 0 });
    expect(total).toBe(2);
  });

  it("pages through the matching jobs newest first, each job once, a page past the end showing the last", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 7; n++)
      ids.push((await submit({ prompt: `Count capybara ${n}`, delaySeconds: 600 })).id);
    const newestFirst = [...ids].reverse();
    const pages = await Promise.all(
      [1, 2, 3].map((page) => listJobs({ tab: "delayed", q: "capybara", page }, 3)),
    );
    expect(pages.map((list) => list.jobs.map((job) => job.id))).toEqual([
      newestFirst.slice(0, 3),
      newestFirst.slice(3, 6),
      newestFirst.slice(6),
    ]);
    expect(pages.map((list) => [list.total, list.page, list.pageSize])).toEqual([
      [7, 1, 3],
      [7, 2, 3],
      [7, 3, 3],
    ]);
    const pastTheEnd = await listJobs({ tab: "delayed", q: "capybara", page: 40 }, 3);
    expect([pastTheEnd.page, pastTheEnd.jobs.map((job) => job.id)]).toEqual([3, newestFirst.slice(6)]);
  });
});

describe("listJobs' filters", () => {
  it("keeps the jobs of a tag, model, directory and date range, also cancelled ones, and sorts them", async () => {
    const marker = `filters${Date.now()}`;
    const make = (fields: Record<string, unknown>) =>
      submit({ prompt: `${marker} job`, delaySeconds: 600, ...fields });
    const a = await make({ tags: ["bugfix", "Team-Web"], model: "claude-sonnet-5" });
    const b = await make({ tags: ["bugfix"], model: "opus" });
    const c = await make({ tags: ["feature"], model: "opus" });
    await cancelJob(b.id);
    const ids = async (query: Record<string, unknown>) =>
      (await listJobs({ q: marker, ...query })).jobs.map((job) => job.id);
    expect(await ids({ tag: "bugfix" })).toEqual([b.id, a.id]);
    expect(await ids({ tag: "team-web" })).toEqual([a.id]);
    expect(await ids({ model: "SONNET" })).toEqual([a.id]);
    expect(await ids({ tag: "bugfix", tab: "cancelled" })).toEqual([b.id]);
    expect(await ids({ directory: "scratch" })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ directory: "/nowhere" })).toEqual([]);
    expect(await ids({ order: "asc" })).toEqual([a.id, b.id, c.id]);
    // Days are counted in USAGE_TIME_ZONE, the machine's own here, as the Usage page counts them.
    const today = new Intl.DateTimeFormat("en-CA").format(Date.now());
    expect(await ids({ from: today, to: today })).toHaveLength(3);
    expect(await ids({ to: "2000-01-01" })).toEqual([]);
    // The tabs count what the filters keep.
    expect((await listJobs({ q: marker, tag: "bugfix" })).counts).toMatchObject({
      all: 2,
      cancelled: 1,
      delayed: 1,
    });
    expect((await listJobs({ q: marker, tag: "bugfix" })).jobs.find((job) => job.id === a.id)?.tags).toEqual([
      "bugfix",
      "team-web",
    ]);
  });
});
