import { mkdirSync, mkdtempSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { openJobWorkspace } from "./job-workspace";

const ID = "0000000000job1";
let dataDir: string;
let jobDir: string;

beforeEach(() => {
  dataDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-workspace-")));
  jobDir = path.join(dataDir, "jobs", ID);
  mkdirSync(path.join(jobDir, "workspace"), { recursive: true });
  writeFileSync(path.join(jobDir, "workspace", "notes.md"), "hi\n");
});

describe("openJobWorkspace", () => {
  it("opens the job's own workspace at its real path", async () => {
    expect(await openJobWorkspace(dataDir, ID)).toEqual({ ok: true, root: path.join(jobDir, "workspace") });
  });

  it("opens a workspace that is not there yet, with nothing in it to reach", async () => {
    expect(await openJobWorkspace(dataDir, "0000000000job2")).toEqual({
      ok: true,
      root: path.join(dataDir, "jobs", "0000000000job2", "workspace"),
    });
  });

  it("follows a DATA_DIR that is itself a link, which the operator made", async () => {
    const link = path.join(mkdtempSync(path.join(os.tmpdir(), "ccw-link-")), "data");
    symlinkSync(dataDir, link);
    expect(await openJobWorkspace(link, ID)).toEqual({ ok: true, root: path.join(jobDir, "workspace") });
  });

  it("refuses a workspace replaced by a link to /etc, naming the link and where it leads", async () => {
    renameSync(path.join(jobDir, "workspace"), path.join(jobDir, "workspace.orig"));
    symlinkSync("/etc", path.join(jobDir, "workspace"));
    const opened = await openJobWorkspace(dataDir, ID);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.status).toBe(403);
    expect(opened.error).toContain("workspace is a symbolic link (to /etc)");
    expect(opened.error).toContain(path.join(jobDir, "workspace"));
  });

  it("refuses a workspace linked to another place inside the job's folder", async () => {
    renameSync(path.join(jobDir, "workspace"), path.join(jobDir, "elsewhere"));
    symlinkSync("elsewhere", path.join(jobDir, "workspace"));
    expect((await openJobWorkspace(dataDir, ID)).ok).toBe(false);
  });

  it("refuses a job folder replaced by a link, though the workspace under it is a real folder", async () => {
    const outside = path.join(dataDir, "outside");
    mkdirSync(path.join(outside, "workspace"), { recursive: true });
    renameSync(jobDir, `${jobDir}.orig`);
    symlinkSync(outside, jobDir);
    const opened = await openJobWorkspace(dataDir, ID);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error).toContain(`folder is a symbolic link (to ${outside})`);
  });
});
