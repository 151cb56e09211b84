import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { directoryQuerySchema, listAllowedDirectories } from "./allowed-directory";

const base = mkdtempSync(path.join(os.tmpdir(), "ccw-dirs-"));
const root = path.join(base, "code");
const outside = path.join(base, "secret");
for (const dir of [`${root}/alpha/deep`, `${root}/beta`, outside]) mkdirSync(dir, { recursive: true });
symlinkSync(outside, path.join(root, "escape"));

describe("listAllowedDirectories", () => {
  it("offers the roots when no directory is given", async () => {
    expect(await listAllowedDirectories(undefined, [root])).toEqual({ ok: true, directories: [root] });
  });

  it("lists the folders inside an allowed directory, leaving out symlinks", async () => {
    expect(await listAllowedDirectories(root, [root])).toEqual({
      ok: true,
      directories: [path.join(root, "alpha"), path.join(root, "beta")],
    });
  });

  it("refuses a directory outside the roots, reached by .. or through a symlink", async () => {
    for (const directory of [outside, path.join(root, ".."), path.join(root, "escape")]) {
      const result = await listAllowedDirectories(directory, [root]);
      expect(result).toMatchObject({
        ok: false,
        error: expect.stringContaining("outside the allowed roots"),
      });
    }
  });
});

describe("directoryQuerySchema", () => {
  it("takes an absolute path or none, and refuses the rest with a reason", () => {
    expect(directoryQuerySchema.parse({})).toEqual({});
    for (const bad of [
      { path: "relative/dir" },
      { path: "/a\0b" },
      { path: `/${"a".repeat(5000)}` },
      { other: "x" },
    ])
      expect(directoryQuerySchema.safeParse(bad).success).toBe(false);
    expect(directoryQuerySchema.safeParse({ path: "code" }).error?.issues[0]?.message).toBe(
      "path must be an absolute path, like /home/me/code",
    );
  });
});
