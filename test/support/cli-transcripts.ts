import { readFileSync } from "node:fs";
import path from "node:path";
import { type CliLine, parseCliLine } from "@/lib/cli-events";

/** The parsed lines of a real CLI transcript in test/fixtures/cli-transcripts. */
export function readTranscript(name: string): CliLine[] {
  return readFileSync(path.join(import.meta.dirname, "../fixtures/cli-transcripts", `${name}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map(parseCliLine);
}
