// Jobs in a directory of a git repository, with real git and real repositories made here: each job works in its
// own checkout on its own branch, and the repository's own working tree is never touched.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Job } from "bullmq";
import { describe, expect, it } from "vitest";
import { jobPaths } from "@/lib/job-paths";
import type { JobProgress } from "@/lib/job-progress";
import { commitJobWork } from "@/lib/jobs/commit-job-work";
import { deleteJob } from "@/lib/jobs/delete-job";
import { discardJobWork } from "@/lib/jobs/discard-job-work";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { getJobChanges } from "@/lib/jobs/get-job-changes";
import { getJobPatch } from "@/lib/jobs/get-job-patch";
import { keepJobBranch } from "@/lib/jobs/keep-job-branch";
import { mergeJobBranch } from "@/lib/jobs/merge-job-branch";
import { getQueueRedis } from "@/lib/queue";
import { sweepWorktrees } from "../worker/worktree-sweep";
import { submit, waitForState } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-git-jobs-"));
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-git-roots-")));
process.env.DATA_DIR = dataDir;
process.env.ALLOWED_ROOTS = root;
const worker = workerDuringTests({ DATA_DIR: dataDir, ALLOWED_ROOTS: root });

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

/** A repository with two commits on main, and a file its owner is editing, uncommitted. */
function repository(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "src"), { recursive: true });
  git(dir, "init", "--quiet", "-b", "main");
  writeFileSync(path.join(dir, "README.md"), "# App\n");
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "first");
  writeFileSync(path.join(dir, "src", "a.txt"), "a\n");
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "second");
  writeFileSync(path.join(dir, "README.md"), "# App\n\nthe owner's own edit, not committed\n");
  return dir;
}

const settled = (id: string, states = ["completed"]) =>
  waitForState(id, states, { context: () => worker.output() });
const gitOf = (job: Job) => (job.progress as JobProgress).git;

async function changedPaths(id: string): Promise<string[]> {
  const found = await getJobChanges(id);
  if (!found.ok) throw new Error(found.error);
  return found.changes.files.map((file) => `${file.status} ${file.path}`);
}

describe("a job in a git repository", () => {
  it("gets its own checkout and branch; two at once never share one, and the repository's files stay as they were", async () => {
    const repo = repository("app");
    const statusBefore = git(repo, "status", "--porcelain");
    const headBefore = git(repo, "rev-parse", "HEAD");
    const [one, two] = await Promise.all([
      submit({ prompt: "file:one.txt", title: "First change", workingDirectory: repo }),
      submit({ prompt: "file:two.txt", title: "Second change", workingDirectory: repo }),
    ]);
    const [first, second] = await Promise.all([settled(one.id), settled(two.id)]);

    const branches = [gitOf(first)?.branch, gitOf(second)?.branch];
    expect(branches).toEqual([
      `ccw/${one.id.slice(-8)}-first-change`,
      `ccw/${two.id.slice(-8)}-second-change`,
    ]);
    expect(gitOf(first)).toMatchObject({ repository: repo, base: "main", baseCommit: headBefore });
    // Each ran in a checkout of its own, on its branch.
    const ranIn = [first, second].map((job) => (job.progress as JobProgress).cwd as string);
    expect(new Set(ranIn).size).toBe(2);
    for (const [at, dir] of ranIn.entries()) {
      expect(dir.startsWith(dataDir)).toBe(true);
      expect(git(dir, "branch", "--show-current")).toBe(branches[at]);
    }
    expect(await changedPaths(one.id)).toEqual(["added one.txt"]);
    expect(await changedPaths(two.id)).toEqual(["added two.txt"]);

    // The repository's own working tree, index and HEAD: as they were.
    expect(git(repo, "status", "--porcelain")).toBe(statusBefore);
    expect(git(repo, "rev-parse", "HEAD")).toBe(headBefore);
    expect(git(repo, "branch", "--show-current")).toBe("main");
    expect(readFileSync(path.join(repo, "README.md"), "utf8")).toContain("not committed");
  });

  it("continues in its parent's checkout and branch when followed up, and shows only what the follow-up did", async () => {
    const repo = repository("follow");
    const first = await submit({ prompt: "file:one.txt", workingDirectory: repo });
    const parent = await settled(first.id);
    const next = await followUpJob(first.id, "file:three.txt");
    if (!next.ok) throw new Error(JSON.stringify(next));
    const child = await settled(next.id);
    expect(gitOf(child)?.branch).toBe(gitOf(parent)?.branch);
    expect((child.progress as JobProgress).cwd).toBe((parent.progress as JobProgress).cwd);
    expect(await changedPaths(next.id)).toEqual(["added three.txt"]);
    expect(await changedPaths(first.id)).toEqual(["added one.txt"]);
  });

  it("starts from the base the form names, and a folder of the repository runs in that folder of the checkout", async () => {
    const repo = repository("based");
    git(repo, "branch", "release", "HEAD~1");
    const { id } = await submit({
      prompt: "file:new.txt",
      workingDirectory: path.join(repo, "src"),
      gitBase: "release",
    });
    const job = await settled(id);
    expect(gitOf(job)).toMatchObject({ base: "release", baseCommit: git(repo, "rev-parse", "release") });
    expect(path.basename((job.progress as JobProgress).cwd as string)).toBe("src");
    // From release, which has no src/a.txt: the job's folder is made, and its file is all it changed.
    expect(await changedPaths(id)).toEqual(["added src/new.txt"]);
  });

  it("says why, and makes nothing, when there is no base to start from", async () => {
    const detached = repository("detached");
    git(detached, "checkout", "--quiet", "--detach", "HEAD~1");
    const missing = repository("missing");
    const [one, two] = await Promise.all([
      submit({ prompt: "file:x.txt", workingDirectory: detached }),
      submit({ prompt: "file:x.txt", workingDirectory: missing, gitBase: "no-such-branch" }),
    ]);
    const [onDetached, onMissing] = await Promise.all([
      settled(one.id, ["failed"]),
      settled(two.id, ["failed"]),
    ]);
    expect(onDetached.failedReason).toMatch(/detached HEAD \(at [0-9a-f]+\)/);
    expect(onMissing.failedReason).toMatch(/no branch, tag or commit named no-such-branch/);
    for (const repo of [detached, missing]) {
      expect(git(repo, "worktree", "list").split("\n")).toHaveLength(1);
      expect(git(repo, "branch", "--list", "ccw/*")).toBe("");
    }
  });
});

describe("a git job's work", () => {
  /** A finished job that wrote `file` in a fresh repository, whose own folder is clean. */
  async function finishedIn(name: string, file = "made.txt") {
    const repo = repository(name);
    git(repo, "checkout", "--quiet", "--", "README.md");
    const { id } = await submit({ prompt: `file:${file}`, title: `Make ${file}`, workingDirectory: repo });
    const job = await settled(id);
    const branch = gitOf(job)?.branch as string;
    return { repo, id, branch, checkout: (job.progress as JobProgress).cwd as string };
  }
  const refsOfDashboard = (repo: string) => git(repo, "for-each-ref", "--format=%(refname)", "refs/ccw/");

  it("is committed with the message given, then fast-forwards its base, whose checkout follows", async () => {
    const { repo, id, branch } = await finishedIn("merge");
    const main = git(repo, "rev-parse", "main");
    // Uncommitted work is not merged.
    expect(await mergeJobBranch(id, "fast-forward")).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringContaining("commit them first"),
    });
    expect(await commitJobWork(id, "Make made.txt\n\nAs asked.")).toMatchObject({ ok: true });
    expect(await commitJobWork(id, "again")).toMatchObject({ ok: false, status: 409 });
    expect(git(repo, "log", "-1", "--format=%B", branch)).toBe("Make made.txt\n\nAs asked.");
    expect(git(repo, "rev-parse", `${branch}~1`)).toBe(main);

    // The repository's own folder has an edit of its owner's: the merge waits, and says why.
    writeFileSync(path.join(repo, "README.md"), "# App, edited\n");
    expect(await mergeJobBranch(id, "fast-forward")).toMatchObject({
      ok: false,
      error: expect.stringContaining("checked out in"),
    });
    expect(git(repo, "rev-parse", "main")).toBe(main);
    git(repo, "checkout", "--quiet", "--", "README.md");

    expect(await mergeJobBranch(id, "fast-forward")).toMatchObject({
      ok: true,
      fastForward: true,
      into: "main",
    });
    expect(git(repo, "rev-parse", "main")).toBe(git(repo, "rev-parse", branch));
    expect(readFileSync(path.join(repo, "made.txt"), "utf8")).toContain("Hello from the fake model");
    expect(git(repo, "status", "--porcelain")).toBe("");

    // Deleting a merged job takes its checkout and the dashboard's refs, and leaves its branch.
    expect(await deleteJob(id)).toEqual({ ok: true });
    expect(git(repo, "worktree", "list").split("\n")).toHaveLength(1);
    expect(git(repo, "branch", "--list", branch)).toContain(branch);
    expect(refsOfDashboard(repo)).toBe("");
  });

  it("does not fast-forward a base that moved on, merges it with a merge commit, and on a conflict changes nothing", async () => {
    const { repo, id, branch } = await finishedIn("moved", "same.txt");
    await commitJobWork(id, "Make same.txt");
    writeFileSync(path.join(repo, "other.txt"), "the owner's\n");
    git(repo, "add", "other.txt");
    git(repo, "commit", "--quiet", "-m", "meanwhile on main");
    expect(await mergeJobBranch(id, "fast-forward")).toMatchObject({
      ok: false,
      error: expect.stringContaining("has moved on"),
    });
    const merged = await mergeJobBranch(id, "merge-commit");
    expect(merged).toMatchObject({ ok: true, fastForward: false });
    expect(git(repo, "rev-list", "--parents", "-n", "1", "main").split(" ")).toHaveLength(3);
    expect(existsSync(path.join(repo, "same.txt"))).toBe(true);

    const second = await finishedIn("conflict", "clash.txt");
    await commitJobWork(second.id, "Make clash.txt");
    writeFileSync(path.join(second.repo, "clash.txt"), "the owner's own clash.txt\n");
    git(second.repo, "add", "clash.txt");
    git(second.repo, "commit", "--quiet", "-m", "a clash.txt of the owner's");
    const before = {
      main: git(second.repo, "rev-parse", "main"),
      branch: git(second.repo, "rev-parse", second.branch),
    };
    expect(await mergeJobBranch(second.id, "merge-commit")).toMatchObject({
      ok: false,
      status: 409,
      conflicts: ["clash.txt"],
      error: expect.stringContaining("nothing was changed"),
    });
    expect({
      main: git(second.repo, "rev-parse", "main"),
      branch: git(second.repo, "rev-parse", second.branch),
    }).toEqual(before);
    expect(git(second.repo, "status", "--porcelain")).toBe("");
    expect(branch).not.toBe(second.branch);
  });

  it("is a patch of its commits and what is uncommitted, kept as a branch without its checkout, or discarded", async () => {
    const kept = await finishedIn("kept");
    await commitJobWork(kept.id, "Make made.txt");
    writeFileSync(path.join(kept.checkout, "later.txt"), "not committed\n");
    const patch = await getJobPatch(kept.id);
    expect(patch.ok && patch.patch).toMatch(
      /^From [0-9a-f]{40} [\s\S]*Subject: \[PATCH\] Make made\.txt[\s\S]*\+\+\+ b\/made\.txt[\s\S]*diff --git a\/later\.txt b\/later\.txt/,
    );
    expect(await keepJobBranch(kept.id)).toMatchObject({
      ok: false,
      error: expect.stringContaining("commit them first"),
    });
    await commitJobWork(kept.id, "Make later.txt");
    expect(await keepJobBranch(kept.id)).toEqual({ ok: true });
    expect(existsSync(kept.checkout)).toBe(false);
    expect(git(kept.repo, "log", "--format=%s", `main..${kept.branch}`)).toBe(
      "Make later.txt\nMake made.txt",
    );
    // Its changes are read from the branch now.
    expect(await changedPaths(kept.id)).toEqual(["added later.txt", "added made.txt"]);
    // A kept branch outlives its job.
    expect(await deleteJob(kept.id)).toEqual({ ok: true });
    expect(git(kept.repo, "branch", "--list", kept.branch)).toContain(kept.branch);

    const thrown = await finishedIn("thrown");
    const before = git(thrown.repo, "for-each-ref");
    expect(await discardJobWork(thrown.id)).toEqual({ ok: true });
    expect(existsSync(thrown.checkout)).toBe(false);
    expect(git(thrown.repo, "worktree", "list").split("\n")).toHaveLength(1);
    expect(git(thrown.repo, "branch", "--list", "ccw/*")).toBe("");
    expect(refsOfDashboard(thrown.repo)).toBe("");
    expect(before).toContain(thrown.branch);
    expect(await getJobChanges(thrown.id)).toMatchObject({ ok: false, status: 409 });

    // Deleting a job whose work was neither merged nor kept takes its branch too.
    const dropped = await finishedIn("dropped");
    expect(await deleteJob(dropped.id)).toEqual({ ok: true });
    expect(git(dropped.repo, "branch", "--list", "ccw/*")).toBe("");
    expect(git(dropped.repo, "worktree", "list").split("\n")).toHaveLength(1);
    expect(refsOfDashboard(dropped.repo)).toBe("");
  });

  it("left by jobs that vanished without being deleted is swept at worker start; a branch with commits stays", async () => {
    const idle = await finishedIn("vanished");
    const worked = await finishedIn("vanished-with-work");
    await commitJobWork(worked.id, "Work worth keeping");
    for (const job of [idle, worked]) rmSync(jobPaths(dataDir, job.id).dir, { recursive: true, force: true });

    const swept = await sweepWorktrees(getQueueRedis(), dataDir, [root]);
    expect(swept).toEqual(
      expect.arrayContaining([
        { repository: idle.repo, jobId: idle.id },
        { repository: worked.repo, jobId: worked.id },
      ]),
    );
    for (const job of [idle, worked]) {
      expect(git(job.repo, "worktree", "list").split("\n")).toHaveLength(1);
      expect(refsOfDashboard(job.repo)).toBe("");
    }
    expect(git(idle.repo, "branch", "--list", "ccw/*")).toBe("");
    expect(git(worked.repo, "log", "-1", "--format=%s", worked.branch)).toBe("Work worth keeping");
    // Nothing is left to sweep.
    expect(await sweepWorktrees(getQueueRedis(), dataDir, [root])).toEqual([]);
  });
});
