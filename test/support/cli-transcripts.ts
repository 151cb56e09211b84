import { readFileSync } from "node:fs";
import path from "node:path";
import { type CliLine, parseCliLine } from "@/lib/cli-events";

/**
 * The CLI versions with recorded transcripts, oldest first: the oldest the worker still runs, and the one it
 * bundles. Tests of what every version prints run on each.
 */
export const TRANSCRIPT_VERSIONS = ["2.1.197", "2.1.332"] as const;
export type TranscriptVersion = (typeof TRANSCRIPT_VERSIONS)[number];
const NEWEST = TRANSCRIPT_VERSIONS[TRANSCRIPT_VERSIONS.length - 1] as TranscriptVersion;

/** The parsed lines of a real CLI transcript in test/fixtures/cli-transcripts/<version>. */
export function readTranscript(name: string, version: TranscriptVersion = NEWEST): CliLine[] {
  return readFileSync(
    path.join(import.meta.dirname, "../fixtures/cli-transcripts", version, `${name}.jsonl`),
    "utf8",
  )
    .split("\n")
    .filter(Boolean)
    .map(parseCliLine);
}
