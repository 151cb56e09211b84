import { describe, expect, it } from "vitest";
import { readTranscript, TRANSCRIPT_VERSIONS } from "@/test/support/cli-transcripts";
import { parseCliLine } from "./cli-events";
import { emptyProgress, foldProgress, type JobProgress } from "./job-progress";

describe("foldProgress", () => {
  it("keeps the isolation the worker's note at the head of the log names", () => {
    const note = parseCliLine(
      JSON.stringify({ type: "system", subtype: "isolation", level: "sandbox", detail: "x" }),
    );
    expect(note.kind).toBe("isolation");
    expect(foldProgress(emptyProgress, note, 0).isolation).toBe("sandbox");
    const other = parseCliLine(
      JSON.stringify({ type: "system", subtype: "isolation", level: "chroot", detail: "x" }),
    );
    expect(other.kind).toBe("system");
  });

  it("keeps the CLI's open requests until each is answered or withdrawn, and none past the turn's end", () => {
    const fold = (lines: unknown[]) =>
      lines.reduce<JobProgress>(
        (progress, line) => foldProgress(progress, parseCliLine(JSON.stringify(line)), 1),
        emptyProgress,
      );
    const ask = (id: string, tool: string) => ({
      type: "control_request",
      request_id: id,
      request: { subtype: "can_use_tool", tool_name: tool, input: {}, tool_use_id: `toolu_${id}` },
    });
    expect(fold([ask("a", "Bash"), ask("b", "AskUserQuestion")]).openRequests).toEqual([
      { requestId: "a", toolName: "Bash" },
      { requestId: "b", toolName: "AskUserQuestion" },
    ]);
    expect(
      fold([
        ask("a", "Bash"),
        ask("b", "Write"),
        { type: "system", subtype: "request_answered", request_id: "a", decision: "allow" },
        { type: "control_cancel_request", request_id: "b" },
      ]).openRequests,
    ).toEqual([]);
    // An interrupt (a request of the host's) is no request of the CLI's.
    expect(
      fold([{ type: "control_request", request_id: "i", request: { subtype: "interrupt" } }]).openRequests,
    ).toBeUndefined();
    expect(
      fold([ask("c", "Bash"), { type: "result", subtype: "success", is_error: false, num_turns: 1 }])
        .openRequests,
    ).toEqual([]);
  });

  it("keeps when a usage limit that refused a request resets, and ignores a limit that still allows", () => {
    const event = (status: string, resetsAt?: number) =>
      parseCliLine(
        JSON.stringify({
          type: "rate_limit_event",
          rate_limit_info: { status, resetsAt, rateLimitType: "five_hour" },
          session_id: "s",
        }),
      );
    expect(event("allowed_warning", 1_800_000_000).kind).toBe("rate_limit_event");
    expect(
      foldProgress(emptyProgress, event("allowed_warning", 1_800_000_000), 0).usageLimit,
    ).toBeUndefined();
    expect(foldProgress(emptyProgress, event("rejected", 1_800_000_000), 0).usageLimit).toEqual({
      resetsAt: 1_800_000_000_000,
      kind: "five_hour",
    });
    expect(foldProgress(emptyProgress, event("rejected"), 0).usageLimit).toBeUndefined();
  });

  it("counts the CLI's API retries and keeps the last reason", () => {
    let progress = emptyProgress;
    for (const line of readTranscript("error-529-once")) progress = foldProgress(progress, line, 0);
    expect(progress).toMatchObject({ apiRetries: 1, lastApiError: "overloaded 529", turns: 2 });
  });

  it.each(TRANSCRIPT_VERSIONS)(
    "follows a run of CLI %s: session, turns, current tool, then the result's totals",
    (version) => {
      const all = readTranscript("success", version);
      const [init, result] = [all[0], all[all.length - 1]];
      if (init?.kind !== "init" || result?.kind !== "result")
        throw new Error("a run starts with init, ends with result");
      let progress = emptyProgress;
      const snapshots = all.map((line, index) => {
        progress = foldProgress(progress, line, 1000 + index);
        return progress;
      });
      expect(snapshots[0]).toMatchObject({
        sessionId: init.event.session_id,
        model: init.event.model,
        cliVersion: version,
      });
      // Text and tool_use of one API message are one turn, and the tool is current until its result comes back.
      // The current step says what the tool works on, relative to the job's directory, and since when.
      expect(snapshots[2]).toMatchObject({
        turns: 1,
        currentTool: "Write",
        currentToolInput: "hello.txt",
        currentToolSince: 1002,
        inputTokens: 100,
      });
      expect(snapshots[3]).toMatchObject({ currentTool: undefined, currentToolSince: undefined });
      expect(snapshots[4]).toMatchObject({ turns: 2, inputTokens: 200 });
      expect(progress).toMatchObject({
        turns: 2,
        costUsd: result.event.total_cost_usd,
        inputTokens: 200,
        outputTokens: 40,
        events: 6,
        lastActivityAt: 1005,
      });
    },
  );

  it("keeps the CLI's version and the MCP servers it loaded, and reads an unknown shape of them as none", () => {
    const init = (mcpServers: unknown) =>
      parseCliLine(
        JSON.stringify({
          type: "system",
          subtype: "init",
          session_id: "s1",
          claude_code_version: "2.1.332",
          mcp_servers: mcpServers,
        }),
      );
    expect(
      foldProgress(emptyProgress, init([{ name: "marker", status: "pending", source: "project" }]), 0),
    ).toMatchObject({
      cliVersion: "2.1.332",
      mcpServers: [{ name: "marker", status: "pending", source: "project" }],
    });
    const odd = foldProgress(emptyProgress, init("three"), 0);
    expect(odd).toMatchObject({ sessionId: "s1", cliVersion: "2.1.332" });
    expect(odd.mcpServers).toBeUndefined();
  });
});
