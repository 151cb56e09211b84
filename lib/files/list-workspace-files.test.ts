import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listWorkspaceFiles } from "./list-workspace-files";

let root: string;
let workspace: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-files-")));
  workspace = path.join(root, "workspace");
  mkdirSync(path.join(workspace, "src"), { recursive: true });
  writeFileSync(path.join(workspace, "hello.txt"), "hi\n");
  writeFileSync(path.join(workspace, "src", "main.ts"), "export {};\n");
  writeFileSync(path.join(root, "secret.txt"), "not yours\n");
  symlinkSync(path.join(root, "secret.txt"), path.join(workspace, "escape"));
  symlinkSync("/etc", path.join(workspace, "etc"));
  // git's, not the job's: a checkout's pointer file, and a repository a job made in a folder.
  writeFileSync(path.join(workspace, ".git"), "gitdir: /elsewhere\n");
  mkdirSync(path.join(workspace, "src", ".git", "objects"), { recursive: true });
  writeFileSync(path.join(workspace, "src", ".git", "HEAD"), "ref: refs/heads/main\n");
});

describe("listWorkspaceFiles", () => {
  it("lists regular files with their size, and no symlinks nor git's own files", async () => {
    const files = await listWorkspaceFiles(workspace);
    expect(files.map((file) => [file.path, file.size])).toEqual([
      ["hello.txt", 3],
      ["src/main.ts", 11],
    ]);
  });

  it("is empty for a workspace that does not exist yet", async () => {
    expect(await listWorkspaceFiles(path.join(root, "nothing"))).toEqual([]);
  });
});
