import { readFileSync } from "node:fs";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { jobPaths } from "@/lib/job-paths";

/** The CLI lines a job's runs wrote to events.jsonl, parsed as the dashboard parses them. */
export const cliLinesOf = (dataDir: string, id: string): CliLine[] =>
  readFileSync(jobPaths(dataDir, id).events, "utf8").trimEnd().split("\n").map(parseCliLine);

/** What the job's tool calls gave back to the model, as one text. */
export const toolResultsOf = (dataDir: string, id: string): string =>
  cliLinesOf(dataDir, id)
    .flatMap((line) =>
      line.kind === "user" && Array.isArray(line.event.message.content) ? line.event.message.content : [],
    )
    .map((block) => ("content" in block ? JSON.stringify(block.content) : ""))
    .join("\n");
