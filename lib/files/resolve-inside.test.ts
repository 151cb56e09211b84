import { mkdirSync, mkdtempSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveInside } from "./resolve-inside";

let root: string;
let workspace: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-resolve-")));
  workspace = path.join(root, "workspace");
  mkdirSync(path.join(workspace, "src"), { recursive: true });
  writeFileSync(path.join(workspace, "hello.txt"), "hi\n");
  writeFileSync(path.join(workspace, "src", "main.ts"), "export {};\n");
  writeFileSync(path.join(root, "secret.txt"), "not yours\n");
  symlinkSync(path.join(root, "secret.txt"), path.join(workspace, "escape"));
  symlinkSync("/etc", path.join(workspace, "etc"));
});

describe("resolveInside", () => {
  it("resolves files inside the root", async () => {
    expect(await resolveInside(workspace, "src/main.ts")).toBe(path.join(workspace, "src", "main.ts"));
  });

  it.each([
    ["../secret.txt"],
    ["src/../../secret.txt"],
    ["/etc/passwd"],
    ["escape"],
    ["etc/passwd"],
    ["hello.txt\0.png"],
    ["missing.txt"],
    [""],
  ])("refuses %j", async (relative) => {
    expect(await resolveInside(workspace, relative)).toBeUndefined();
  });

  it("refuses everything once the root itself has become a link elsewhere", async () => {
    const moved = path.join(root, "moved");
    mkdirSync(moved);
    writeFileSync(path.join(moved, "passwd"), "root:x:0:0\n");
    const swapped = path.join(root, "swapped");
    mkdirSync(swapped);
    renameSync(swapped, `${swapped}.orig`);
    symlinkSync(moved, swapped);
    expect(await resolveInside(swapped, "passwd")).toBeUndefined();
  });
});
