import { describe, expect, it } from "vitest";
import { patchLines, slicePatch } from "./patch-slices";

const header = "diff --git a/f.txt b/f.txt\nindex 1111111..2222222 100644\n--- a/f.txt\n+++ b/f.txt";

describe("slicePatch", () => {
  it("keeps a small diff whole", () => {
    const patch = `${header}\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n`;
    expect(slicePatch(patch, 500)).toEqual([patch]);
  });

  it("cuts a long added file into hunks that number their lines on", () => {
    const lines = Array.from({ length: 7 }, (_, at) => `+line ${at + 1}`);
    const patch = `${header}\n@@ -0,0 +1,7 @@\n${lines.join("\n")}\n`;
    expect(slicePatch(patch, 3)).toEqual([
      `${header}\n@@ -0,0 +1,3 @@\n+line 1\n+line 2\n+line 3\n`,
      `${header}\n@@ -0,0 +4,3 @@\n+line 4\n+line 5\n+line 6\n`,
      `${header}\n@@ -0,0 +7,1 @@\n+line 7\n`,
    ]);
  });

  it("keeps whole hunks together while they fit, counts both sides, and never parts a no-newline note", () => {
    const patch = [
      header,
      "@@ -1,3 +1,3 @@ function one",
      " a",
      "-b",
      "+B",
      " c",
      "@@ -10,2 +10,3 @@",
      " x",
      "-y",
      "\\ No newline at end of file",
      "+Y",
      "+z",
      "",
    ].join("\n");
    expect(slicePatch(patch, 4)).toEqual([
      `${header}\n@@ -1,3 +1,3 @@ function one\n a\n-b\n+B\n c\n`,
      `${header}\n@@ -10,2 +10,2 @@\n x\n-y\n\\ No newline at end of file\n+Y\n`,
      `${header}\n@@ -11,0 +12,1 @@\n+z\n`,
    ]);
  });

  it("leaves a diff without hunks (a binary file, a pure rename) as it is", () => {
    const patch =
      "diff --git a/i.png b/i.png\nnew file mode 100644\nBinary files /dev/null and b/i.png differ\n";
    expect(slicePatch(patch, 10)).toEqual([patch]);
  });
});

describe("patchLines", () => {
  it("numbers the lines of each side", () => {
    const lines = patchLines(`${header}\n@@ -4,3 +4,3 @@\n a\n-b\n+B\n c\n`);
    expect([...lines.old]).toEqual([
      [4, "a"],
      [5, "b"],
      [6, "c"],
    ]);
    expect([...lines.new]).toEqual([
      [4, "a"],
      [5, "B"],
      [6, "c"],
    ]);
  });
});
