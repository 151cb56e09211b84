import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileLines } from "./file-lines";

const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ccw-file-lines-")), "events.jsonl");

async function collect(offset: number) {
  const lines = [];
  for await (const line of readFileLines(file, offset)) lines.push(line);
  return lines;
}

describe("readFileLines", () => {
  it("reads lines across chunk boundaries, a character split by one included, with where each begins", async () => {
    // Lines long enough that chunks of 256 KiB end inside them, and inside a 3-byte character.
    const lines = Array.from({ length: 40 }, (_, n) => `${"é✓".repeat(4000 + n * 7)}${n}`);
    const text = lines.map((line) => `${line}\n`).join("");
    writeFileSync(file, text);
    const read = await collect(0);
    expect(read.map((line) => line.text)).toEqual(lines);
    for (const line of read) {
      expect(Buffer.from(text).subarray(line.start, line.next).toString()).toBe(`${line.text}\n`);
    }
    const third = read[2]?.start ?? 0;
    expect((await collect(third)).map((line) => line.text)).toEqual(lines.slice(2));
  });

  it("leaves out a last line without its newline, and reads nothing past the end", async () => {
    writeFileSync(file, "one\ntwo\nthr");
    expect((await collect(0)).map((line) => line.text)).toEqual(["one", "two"]);
    expect(await collect(11)).toEqual([]);
    expect(await collect(100)).toEqual([]);
  });
});
