import { readFileLines } from "@/lib/logs/file-lines";

/**
 * The whole lines of events.jsonl from byte `offset` on: one run's lines, each its stream entry's value. A line cut
 * off by a crash was never a whole event and is left out.
 */
export async function readLinesFrom(file: string, offset: number): Promise<string[]> {
  const lines: string[] = [];
  try {
    for await (const line of readFileLines(file, offset)) lines.push(line.text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return lines;
}
