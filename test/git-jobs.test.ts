// Jobs in a directory of a git repository, with real git and real repositories made here: each job works in its
// own checkout on its own branch, and the repository's own working tree is never touched.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Job } from "bullmq";
import { describe, expect, it } from "vitest";
import type { JobProgress } from "@/lib/job-progress";
import { followUpJob } from "@/lib/jobs/follow-up-job";
import { getJobChanges } from "@/lib/jobs/get-job-changes";
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
