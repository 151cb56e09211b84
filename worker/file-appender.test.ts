import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileAppender } from "./file-appender";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "appender-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("FileAppender", () => {
  it("keeps the order of what was appended, across batches", async () => {
    const file = path.join(tempDir(), "log");
    const appender = new FileAppender(file, { retry: async () => false, onError: () => {} });
    for (let i = 0; i < 100; i++) appender.append(`${i}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 100; i < 200; i++) appender.append(`${i}\n`);
    await appender.close();
    expect(readFileSync(file, "utf8")).toBe(Array.from({ length: 200 }, (_, i) => `${i}\n`).join(""));
  });

  it("leaves an empty file when nothing was appended", async () => {
    const file = path.join(tempDir(), "log");
    await new FileAppender(file, { retry: async () => false, onError: () => {} }).close();
    expect(readFileSync(file, "utf8")).toBe("");
  });

  it("writes the whole batch once more when asked to retry, without losing or repeating a byte", async () => {
    const dir = path.join(tempDir(), "later");
    const file = path.join(dir, "log");
    const errors: string[] = [];
    const appender = new FileAppender(file, {
      retry: async (error) => {
        errors.push(error.code ?? "");
        mkdirSync(dir);
        return true;
      },
      onError: () => {},
    });
    appender.append("one\n");
    appender.append("two\n");
    await appender.close();
    expect(errors).toEqual(["ENOENT"]);
    expect(readFileSync(file, "utf8")).toBe("one\ntwo\n");
  });

  it("stops at a failure it is not asked to retry, tells it once, and drops what comes after", async () => {
    const file = path.join(tempDir(), "missing", "log");
    const errors: string[] = [];
    const appender = new FileAppender(file, {
      retry: async () => false,
      onError: (error) => errors.push(error.code ?? ""),
    });
    appender.append("one\n");
    await new Promise((resolve) => setTimeout(resolve, 20));
    appender.append("two\n");
    await appender.close();
    expect(errors).toEqual(["ENOENT"]);
    expect(appender.hasFailed).toBe(true);
  });
});
