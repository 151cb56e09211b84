// A sandboxed git job, run by the real CLI through the real worker: its Bash commits on its own branch in its own
// checkout, and cannot write the repository's config, hooks or main branch, which would run code as its owner later.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JobProgress } from "@/lib/job-progress";
import { toolResultsOf } from "./support/cli-log";
import { submit, waitForState } from "./support/jobs";
import { realCliWorkerDuringTests } from "./support/real-cli-worker";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-git-sandbox-"));
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-git-sandbox-roots-")));
process.env.DATA_DIR = dataDir;
process.env.ALLOWED_ROOTS = root;
const cli = realCliWorkerDuringTests({ DATA_DIR: dataDir, ALLOWED_ROOTS: root });

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();

describe("a sandboxed job in a git repository", () => {
  it("commits on its own branch, and cannot touch the repository's config, hooks or other branches", async () => {
    const repo = path.join(root, "app");
    mkdirSync(repo);
    git(repo, "init", "--quiet", "-b", "main");
    writeFileSync(path.join(repo, "README.md"), "# App\n");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "first");
    const main = git(repo, "rev-parse", "main");
    const config = readFileSync(path.join(repo, ".git", "config"), "utf8");

    const command = [
      "echo made > made.txt",
      "git -c user.name=job -c user.email=job@local add made.txt",
      "git -c user.name=job -c user.email=job@local commit -q -m 'made by the job' && echo COMMITTED",
      "common=$(git rev-parse --git-common-dir)",
      'echo "[core] hooksPath=/tmp" >> "$common/config" || echo CONFIG-REFUSED',
      'touch "$common/hooks/post-commit" || echo HOOK-REFUSED',
      "git update-ref refs/heads/main HEAD || echo MAIN-REFUSED",
    ].join("; ");
    const { id } = await submit({
      prompt: `mock:bash-run \`\`\`${command}\`\`\``,
      allowedTools: ["Bash"],
      workingDirectory: repo,
    });
    const job = await waitForState(id, ["completed", "failed"], {
      timeoutMs: 45_000,
      context: () => cli.worker.output(),
    });
    const progress = job.progress as JobProgress;
    expect(progress.isolation).toBe("sandbox");
    const said = toolResultsOf(dataDir, id);
    expect(said).toContain("COMMITTED");
    expect(said).toContain("CONFIG-REFUSED");
    expect(said).toContain("HOOK-REFUSED");
    expect(said).toContain("MAIN-REFUSED");

    const branch = progress.git?.branch as string;
    expect(git(repo, "log", "-1", "--format=%s", branch)).toBe("made by the job");
    expect(git(repo, "rev-parse", `${branch}~1`)).toBe(main);
    expect(git(repo, "rev-parse", "main")).toBe(main);
    expect(readFileSync(path.join(repo, ".git", "config"), "utf8")).toBe(config);
    expect(existsSync(path.join(repo, ".git", "hooks", "post-commit"))).toBe(false);
    expect(existsSync(path.join(repo, "made.txt"))).toBe(false);
  });
});
