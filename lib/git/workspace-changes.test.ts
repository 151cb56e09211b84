import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseChangedFiles, workspaceChanges } from "./workspace-changes";
import {
  changeRangeOf,
  EMPTY_TREE,
  ensureRepository,
  recordJobStart,
  scratchHistory,
  snapshotTree,
  type WorkspaceHistory,
} from "./workspace-history";

async function workspace(): Promise<{ history: WorkspaceHistory; workTree: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "ccw-history-"));
  mkdirSync(path.join(root, "workspace"));
  const gitDir = path.join(root, "workspace-history.git");
  const workTree = path.join(root, "workspace");
  await ensureRepository(gitDir, workTree);
  return { history: scratchHistory(gitDir, workTree), workTree };
}

describe("a scratch workspace's history (real git)", () => {
  it("tells each job's changes apart: from its start to the next job's, or to the files as they are", async () => {
    const { history, workTree } = await workspace();
    const file = (name: string, content: string | Buffer) =>
      writeFileSync(path.join(workTree, name), content);
    file("keep.txt", "one\ntwo\nthree\n");
    file("old-name.txt", "a file that will move\n".repeat(20));
    file("gone.txt", "soon deleted\n");
    expect(await changeRangeOf(history, "0a-first")).toEqual({ from: EMPTY_TREE, to: null });

    await recordJobStart(history, "0b-second");
    file("keep.txt", "one\nTWO\nthree\nfour\n");
    renameSync(path.join(workTree, "old-name.txt"), path.join(workTree, "new-name.txt"));
    rmSync(path.join(workTree, "gone.txt"));
    file("image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));

    const second = await workspaceChanges(history.place, await changeRangeOf(history, "0b-second"));
    expect(second.live).toBe(true);
    expect(second.files.map(({ patch, ...file }) => file)).toEqual([
      { path: "gone.txt", status: "deleted", added: 0, removed: 1 },
      { path: "image.png", status: "added", added: null, removed: null },
      { path: "keep.txt", status: "modified", added: 2, removed: 1 },
      { path: "new-name.txt", oldPath: "old-name.txt", status: "renamed", added: 0, removed: 0 },
    ]);
    const patchOf = (name: string) => second.files.find((changed) => changed.path === name)?.patch;
    expect(patchOf("gone.txt")).toMatch(/^diff --git a\/gone.txt b\/gone.txt\n[\s\S]*-soon deleted\n$/);
    expect(patchOf("image.png")).toContain("Binary files /dev/null and b/image.png differ");
    expect(patchOf("keep.txt")).toContain("-two\n+TWO\n");
    expect(patchOf("keep.txt")).not.toContain("image.png");
    expect(patchOf("new-name.txt")).toContain("rename from old-name.txt");

    // The first job's changes end where the second began, whatever the second did after.
    const first = await workspaceChanges(history.place, await changeRangeOf(history, "0a-first"));
    expect(first.live).toBe(false);
    expect(first.files.map((changed) => [changed.path, changed.status])).toEqual([
      ["gone.txt", "added"],
      ["keep.txt", "added"],
      ["old-name.txt", "added"],
    ]);
  });

  it("keeps a job's start when it runs again, and runs nothing a workspace's own git files name", async () => {
    const { history, workTree } = await workspace();
    writeFileSync(path.join(workTree, "a.txt"), "a\n");
    // A filter driver and a hook a job could plant: git must run neither.
    writeFileSync(path.join(workTree, ".gitattributes"), "* filter=planted diff=planted\n");
    mkdirSync(path.join(workTree, ".git", "hooks"), { recursive: true });
    await recordJobStart(history, "0c-job");
    writeFileSync(path.join(workTree, "a.txt"), "a\nb\n");
    await recordJobStart(history, "0c-job");
    const changes = await workspaceChanges(history.place, await changeRangeOf(history, "0c-job"));
    expect(changes.files).toMatchObject([{ path: "a.txt", status: "modified", added: 1, removed: 0 }]);
  });
});

describe("snapshots with a kept index", () => {
  it("see every change, one of the same size made at once included, and leave their index for the next", async () => {
    const { history, workTree } = await workspace();
    const indexCache = path.join(path.dirname(workTree), "snapshot.index");
    const place = { ...history.place, indexCache };
    writeFileSync(path.join(workTree, "a.txt"), "aaaa\n");
    const first = await snapshotTree(place);
    expect(existsSync(indexCache)).toBe(true);
    writeFileSync(path.join(workTree, "a.txt"), "bbbb\n");
    const second = await snapshotTree(place);
    expect(second).not.toBe(first);
    expect(await snapshotTree({ ...history.place })).toBe(second);
    // No temporary index is left beside the kept one.
    expect(readdirSync(path.dirname(workTree)).filter((name) => name.startsWith(".ccw-index-"))).toEqual([]);
  });
});

describe("a path that is not ASCII", () => {
  it("is named as it is, not escaped", async () => {
    const { history, workTree } = await workspace();
    writeFileSync(path.join(workTree, "café ünïcode.txt"), "x\n");
    const changes = await workspaceChanges(history.place, { from: EMPTY_TREE, to: null });
    expect(changes.files.map((changed) => changed.path)).toEqual(["café ünïcode.txt"]);
    expect(changes.files[0]?.patch).toContain("+++ b/café ünïcode.txt");
  });
});

describe("parseChangedFiles", () => {
  it("joins names and counts, renames and binaries included", () => {
    const names = ["M", "a b.txt", "R087", "old.ts", "new.ts", "A", "bin.dat", ""].join("\0");
    const counts = ["3\t1\ta b.txt", "2\t2\t", "old.ts", "new.ts", "-\t-\tbin.dat", ""].join("\0");
    expect(parseChangedFiles(names, counts)).toEqual([
      { path: "a b.txt", status: "modified", added: 3, removed: 1 },
      { path: "new.ts", oldPath: "old.ts", status: "renamed", added: 2, removed: 2 },
      { path: "bin.dat", status: "added", added: null, removed: null },
    ]);
  });
});
