// Templates fired by triggers, against a real Redis: only the template's own token fires it, its extra text goes
// after the prompt, a retried fire with the same key makes one job, and a deleted template's token is dead.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jobSpecSchema } from "@/lib/job-spec";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getJobQueue, getQueueRedis } from "@/lib/queue";
import { fireTemplate } from "@/lib/templates/fire-template";
import { saveTemplate } from "@/lib/templates/save-template";
import { removeTemplate } from "@/lib/templates/template-store";

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ccw-templates-"));
const made: string[] = [];

afterAll(async () => {
  for (const id of made) await cancelJob(id);
});

describe("a template", () => {
  it("is fired by its own token alone, with the trigger's text after its prompt, once per key", async () => {
    const saved = await saveTemplate({
      name: "Triage",
      spec: jobSpecSchema.parse({ prompt: "Triage this failure.", delaySeconds: 600, tags: ["ci"] }),
    });
    if (!saved.ok) throw new Error("not saved");
    const { template, token } = saved;
    expect(token).toMatch(/^ccwt_[0-9a-f]{64}$/);
    expect(template.fireUrl).toMatch(new RegExp(`/api/templates/${template.id}/fire$`));

    expect(await fireTemplate(template.id, "ccwt_wrong", undefined, undefined)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await fireTemplate(template.id, undefined, undefined, undefined)).toMatchObject({ status: 401 });

    const fired = await fireTemplate(template.id, token, "Run 1234 failed: see the log.", "run-1234");
    expect(fired).toMatchObject({ ok: true });
    if (!fired.ok) return;
    made.push(fired.id);
    const job = await getJobQueue().getJob(fired.id);
    expect(job?.data).toMatchObject({
      prompt: "Triage this failure.\n\nRun 1234 failed: see the log.",
      tags: ["ci"],
    });
    expect(await fireTemplate(template.id, token, "Run 1234 failed: see the log.", "run-1234")).toMatchObject(
      {
        ok: true,
        id: fired.id,
        replayed: true,
      },
    );

    expect(await removeTemplate(getQueueRedis(), template.id)).toBe(true);
    expect(await fireTemplate(template.id, token, undefined, undefined)).toMatchObject({ status: 401 });
  });

  it("is refused when its job is not one this server runs", async () => {
    expect(
      await saveTemplate({
        name: "Elsewhere",
        spec: jobSpecSchema.parse({ prompt: "x", workingDirectory: "/nowhere/at/all" }),
      }),
    ).toMatchObject({ ok: false, errors: { workingDirectory: expect.any(String) } });
  });
});
