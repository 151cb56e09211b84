import { describe, expect, it } from "vitest";
import { readTranscript } from "@/test/support/cli-transcripts";
import { emptyProgress, foldProgress } from "../job-progress";
import { mcpServerProblems } from "./mcp-server-problems";

describe("mcpServerProblems", () => {
  it("says which server of a real run failed, that its tools were missing, and how to see why", () => {
    const progress = readTranscript("mcp-server-failed").reduce(
      (folded, line) => foldProgress(folded, line, 0),
      emptyProgress,
    );
    expect(mcpServerProblems(progress.mcpServers)).toEqual([
      {
        servers: ["missing"],
        cause: "The MCP server missing failed to start or connect: its tools were not available to this job.",
        fix: expect.stringContaining("--debug mcp"),
      },
    ]);
  });

  it("groups servers by why they did not connect, and has nothing to say of connected ones", () => {
    const problems = mcpServerProblems([
      { name: "a", status: "failed" },
      { name: "b", status: "failed" },
      { name: "c", status: "needs-auth" },
      { name: "d", status: "connected" },
    ]);
    expect(problems.map((problem) => problem.servers)).toEqual([["a", "b"], ["c"]]);
    expect(problems[0]?.cause).toMatch(/^The MCP servers a, b failed .*their tools/);
    expect(problems[1]?.fix).toMatch(/\/mcp/);
    expect(mcpServerProblems([{ name: "d", status: "connected" }])).toEqual([]);
    expect(mcpServerProblems(undefined)).toEqual([]);
  });
});
