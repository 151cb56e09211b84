import { open } from "node:fs/promises";

/**
 * The whole lines of events.jsonl from byte `offset` on: one run's lines, each its stream entry's value. A line cut
 * off by a crash was never a whole event and is left out.
 */
export async function readLinesFrom(file: string, offset: number): Promise<string[]> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return [];
  try {
    const { size } = await handle.stat();
    if (size <= offset) return [];
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    const text = buffer.toString("utf8");
    return text
      .slice(0, text.lastIndexOf("\n") + 1)
      .split("\n")
      .slice(0, -1);
  } finally {
    await handle.close();
  }
}
