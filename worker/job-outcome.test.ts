import { describe, expect, it } from "vitest";
import type { ResultEvent } from "@/lib/cli-events";
import { readTranscript } from "@/test/support/cli-transcripts";
import type { CliRunReport } from "./cli-run";
import { decideOutcome } from "./job-outcome";

function resultOf(transcript: string): ResultEvent {
  const result = readTranscript(transcript).find((line) => line.kind === "result");
  if (result?.kind !== "result") throw new Error(`no result in ${transcript}`);
  return result.event;
}

const run = (overrides: Partial<CliRunReport> = {}): CliRunReport => ({
  exitCode: 0,
  signal: null,
  survivorsKilled: 0,
  stderrTail: "",
  ...overrides,
});

const decide = (result: ResultEvent | undefined, report: CliRunReport) =>
  decideOutcome({ result, run: report, claudeBin: "claude", timeoutSeconds: 60 });

describe("decideOutcome", () => {
  it("completes a successful run with the CLI's answer", () => {
    expect(decide(resultOf("success"), run())).toEqual({
      outcome: "completed",
      text: "Done: I created hello.txt.",
    });
  });

  it("completes a success even when the CLI exits 1", () => {
    expect(decide(resultOf("success"), run({ exitCode: 1 })).outcome).toBe("completed");
  });

  it("fails an is_error result even when the CLI exits 0", () => {
    expect(decide(resultOf("error-401"), run({ exitCode: 0 })).outcome).toBe("failed");
  });

  it("says when the CLI is not logged in, and how to fix it", () => {
    const outcome = decide(resultOf("not-logged-in"), run({ exitCode: 1 }));
    expect(outcome).toMatchObject({ outcome: "failed", text: "Not logged in · Please run /login" });
    expect(outcome.diagnosis?.cause).toMatch(/not logged in/);
    expect(outcome.diagnosis?.fix).toMatch(/ANTHROPIC_API_KEY/);
  });

  it("recognizes an invalid API key", () => {
    expect(decide(resultOf("error-401"), run({ exitCode: 1 })).diagnosis?.cause).toMatch(
      /invalid or revoked/,
    );
  });

  it.each([
    [429, /rate limit/],
    [529, /overloaded/],
    [500, /overloaded or failing \(500\)/],
  ])("recognizes API status %i", (status, cause) => {
    const result = { ...resultOf("error-401"), api_error_status: status, result: `API Error: ${status}` };
    expect(decide(result, run({ exitCode: 1 })).diagnosis?.cause).toMatch(cause);
  });

  it("recognizes max turns", () => {
    expect(decide(resultOf("max-turns"), run({ exitCode: 1 })).diagnosis?.cause).toMatch(
      /used all its turns/,
    );
  });

  it("says the CLI is missing when it could not be started", () => {
    const outcome = decide(
      undefined,
      run({ exitCode: null, spawnError: { code: "ENOENT", message: "spawn claude ENOENT" } }),
    );
    expect(outcome.diagnosis?.cause).toMatch(/not found/);
    expect(outcome.diagnosis?.fix).toMatch(/CLAUDE_BIN/);
  });

  it("says the CLI is not executable", () => {
    const outcome = decide(undefined, run({ exitCode: null, spawnError: { code: "EACCES", message: "" } }));
    expect(outcome.diagnosis?.cause).toMatch(/not executable/);
  });

  it("reports a timeout as such, whatever the CLI printed or exited with", () => {
    const outcome = decide(undefined, run({ exitCode: null, signal: "SIGTERM", stoppedBy: "timeout" }));
    expect(outcome.diagnosis?.cause).toMatch(/longer than its 60s time limit/);
  });

  it("keeps the result of a CLI that lingered after printing it", () => {
    expect(
      decide(resultOf("success"), run({ exitCode: null, signal: "SIGTERM", stoppedBy: "lingered" })).outcome,
    ).toBe("completed");
  });

  it("fails a run with no result line, quoting stderr", () => {
    const outcome = decide(
      undefined,
      run({ exitCode: 1, stderrTail: "Error: No conversation found with session ID: x\n" }),
    );
    expect(outcome.outcome).toBe("failed");
    expect(outcome.diagnosis?.cause).toBe(
      "The Claude CLI exited with code 1 without reporting a result: Error: No conversation found with session ID: x",
    );
  });

  it("names the signal that killed the CLI", () => {
    expect(decide(undefined, run({ exitCode: null, signal: "SIGKILL" })).diagnosis?.cause).toMatch(
      /killed by SIGKILL/,
    );
  });
});
