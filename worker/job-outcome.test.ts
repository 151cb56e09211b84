import { describe, expect, it } from "vitest";
import type { ResultEvent } from "@/lib/cli-events";
import { readTranscript, TRANSCRIPT_VERSIONS, type TranscriptVersion } from "@/test/support/cli-transcripts";
import type { CliRunReport } from "./cli-run";
import { decideOutcome } from "./job-outcome";

function resultOf(transcript: string, version?: TranscriptVersion): ResultEvent {
  const result = readTranscript(transcript, version).find((line) => line.kind === "result");
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
  decideOutcome({ result, run: report, claudeBin: "claude", timeoutSeconds: 60, idleTimeoutSeconds: 120 });

const decideWith = (result: ResultEvent | undefined, report: CliRunReport, abortReason?: string) =>
  decideOutcome({
    result,
    run: report,
    claudeBin: "claude",
    timeoutSeconds: 60,
    idleTimeoutSeconds: 120,
    abortReason,
  });

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

  it("completes a run whose tools were refused: the refusals are warnings, not a failure", () => {
    expect(decide(resultOf("permission-denied"), run()).outcome).toBe("completed");
  });

  it("fails an is_error result even when the CLI exits 0", () => {
    expect(decide(resultOf("error-401"), run({ exitCode: 0 })).outcome).toBe("failed");
  });

  it("keeps the result of a CLI that lingered after printing it", () => {
    expect(
      decide(resultOf("success"), run({ exitCode: null, signal: "SIGTERM", stoppedBy: "lingered" })).outcome,
    ).toBe("completed");
  });

  it.each([
    [
      "CLI not found",
      undefined,
      { exitCode: null, spawnError: { code: "ENOENT", message: "" } },
      "cli-not-found",
      /not found/,
      /CLAUDE_BIN/,
    ],
    [
      "CLI not executable",
      undefined,
      { exitCode: null, spawnError: { code: "EACCES", message: "" } },
      "cli-not-executable",
      /not executable/,
      /chmod/,
    ],
    [
      "not logged in",
      "not-logged-in",
      { exitCode: 1 },
      "not-logged-in",
      /not logged in/,
      /ANTHROPIC_API_KEY/,
    ],
    [
      "an invalid API key",
      "error-401",
      { exitCode: 1 },
      "invalid-api-key",
      /invalid or revoked/,
      /valid ANTHROPIC_API_KEY/,
    ],
    [
      "connection refused",
      "connection-refused",
      { exitCode: 1 },
      "connection-failed",
      /could not reach the API/,
      /network/,
    ],
    [
      "max turns",
      "max-turns",
      { exitCode: 1 },
      "max-turns",
      // The limit the CLI names (1), not its count of turns (2), which includes the one that hit it.
      /used all its turns \(1\) before/,
      /Raise max turns/,
    ],
    [
      "max budget",
      "max-budget",
      { exitCode: 1 },
      "max-budget",
      /reached its budget.*\$0\.000?[18] spent/,
      /Raise the max budget/,
    ],
    [
      "a timeout",
      undefined,
      { exitCode: null, signal: "SIGTERM", stoppedBy: "timeout" },
      "timed-out",
      /longer than its 60s time limit/,
      /longer timeout/,
    ],
    [
      "an idle (hung) CLI",
      undefined,
      { exitCode: null, signal: "SIGTERM", stoppedBy: "idle" },
      "idle",
      /printed nothing for 120s/,
      /raise the idle timeout/,
    ],
    [
      "a kill by a signal",
      undefined,
      { exitCode: null, signal: "SIGKILL" },
      "killed",
      /killed by SIGKILL/,
      /out-of-memory/,
    ],
    [
      "no result line",
      undefined,
      { exitCode: 1, stderrTail: "Error: unknown option '--frobnicate'\n" },
      "no-result",
      /exited with code 1 without reporting a result: Error: unknown option/,
      /stderr/,
    ],
    [
      "bypassPermissions as root",
      undefined,
      {
        exitCode: 1,
        stderrTail:
          "--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons\n",
      },
      "bypass-as-root",
      /refuses bypassPermissions when it runs as root/,
      /IS_SANDBOX=1/,
    ],
    [
      "an unknown resume session",
      undefined,
      {
        exitCode: 1,
        stderrTail: "No conversation found with session ID: 99999999-2222-4333-8444-555555555555\n",
      },
      "unknown-session",
      /session to resume was not found/,
      /new job/,
    ],
  ] as const)("diagnoses %s", (_name, transcript, report, code, cause, fix) => {
    // A failure the CLI reports is diagnosed alike from what every recorded version prints.
    for (const version of transcript ? TRANSCRIPT_VERSIONS : [undefined]) {
      const outcome = decide(
        transcript ? resultOf(transcript, version) : undefined,
        run(report as Partial<CliRunReport>),
      );
      expect(outcome.outcome, version).toBe("failed");
      expect(outcome.diagnosis?.code, version).toBe(code);
      expect(outcome.diagnosis?.cause, version).toMatch(cause);
      expect(outcome.diagnosis?.fix, version).toMatch(fix);
    }
  });

  it.each([
    [429, "rate-limited", /rate limit/],
    [529, "overloaded", /overloaded \(529\)/],
    [500, "server-error", /server error \(500\)/],
  ])("diagnoses API status %i", (status, code, cause) => {
    const result = { ...resultOf("error-401"), api_error_status: status, result: `API Error: ${status}` };
    const outcome = decide(result, run({ exitCode: 1 }));
    expect(outcome.diagnosis?.code).toBe(code);
    expect(outcome.diagnosis?.cause).toMatch(cause);
  });

  it("reports a cancel as such, whatever the CLI printed or exited with", () => {
    const outcome = decideWith(
      resultOf("success"),
      run({ exitCode: 143, stoppedBy: "aborted" }),
      "cancelled by a user",
    );
    expect(outcome).toEqual({
      outcome: "cancelled",
      diagnosis: {
        code: "cancelled",
        cause: "The job was cancelled by a user before it finished.",
        fix: "Retry it to run it again.",
      },
    });
  });

  it("tells a usage limit from a rate limit, by the CLI's rate_limit_event or an older CLI's words, with its reset", () => {
    const refused = {
      ...resultOf("error-401"),
      api_error_status: 429,
      result: "You've hit your limit · resets 2pm",
    };
    const resetsAt = Date.UTC(2026, 11, 4, 14);
    const limited = decideOutcome({
      result: refused,
      run: run({ exitCode: 1 }),
      claudeBin: "claude",
      timeoutSeconds: 60,
      idleTimeoutSeconds: 120,
      usageLimit: { resetsAt, kind: "five_hour" },
    });
    expect(limited).toMatchObject({
      outcome: "failed",
      usageLimitResetsAt: resetsAt,
      diagnosis: {
        code: "usage-limit",
        cause:
          "The Claude CLI was refused by the account's five hour usage limit, which resets at 2026-12-04T14:00:00.000Z.",
      },
    });
    const older = { ...refused, result: `Claude AI usage limit reached|${resetsAt / 1000}` };
    expect(decide(older, run({ exitCode: 1 }))).toMatchObject({
      usageLimitResetsAt: resetsAt,
      diagnosis: { code: "usage-limit" },
    });
    // A 429 with no limit named is the API's rate limit, retried with backoff as before.
    expect(decide(refused, run({ exitCode: 1 })).diagnosis?.code).toBe("rate-limited");
  });

  it("quotes the CLI's error text for an error it does not recognize", () => {
    const result = { ...resultOf("error-401"), api_error_status: null, result: "Something new went wrong" };
    expect(decide(result, run({ exitCode: 1 })).diagnosis).toMatchObject({
      code: "cli-error",
      cause: "The Claude CLI reported an error: Something new went wrong",
    });
  });
});
