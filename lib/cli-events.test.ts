import { describe, expect, it } from "vitest";
import { readTranscript, TRANSCRIPT_VERSIONS } from "@/test/support/cli-transcripts";
import { parseCliLine } from "./cli-events";

describe.each(TRANSCRIPT_VERSIONS)("parseCliLine on real output of CLI %s", (version) => {
  const transcript = (name: string) => readTranscript(name, version);

  it("classifies every line of a successful Write run", () => {
    expect(transcript("success").map((line) => line.kind)).toEqual([
      "init",
      "assistant",
      "assistant",
      "user",
      "assistant",
      "result",
    ]);
  });

  it("reads the result of a run that was not logged in: success subtype, yet is_error", () => {
    const result = transcript("not-logged-in").find((line) => line.kind === "result");
    expect(result?.kind === "result" && result.event).toMatchObject({
      subtype: "success",
      is_error: true,
      result: "Not logged in · Please run /login",
    });
  });

  it("reads API retries with their status and reason", () => {
    const retries = transcript("error-401").filter((line) => line.kind === "api_retry");
    expect(retries).toHaveLength(2);
    expect(retries[0]?.kind === "api_retry" && retries[0].event).toMatchObject({
      attempt: 1,
      max_retries: 2,
      error_status: 401,
      error: "authentication_failed",
    });
  });

  it("reads permission denials from the result", () => {
    const result = transcript("permission-denied").find((line) => line.kind === "result");
    expect(result?.kind === "result" && result.event.permission_denials?.[0]?.tool_name).toBe("Write");
  });

  it("reads every line of a run with --include-partial-messages", () => {
    const kinds = new Set(transcript("success-partial-messages").map((line) => line.kind));
    expect(kinds).toEqual(new Set(["init", "status", "stream_event", "assistant", "user", "result"]));
  });

  it("leaves no line unknown in any transcript", () => {
    const names = ["success", "permission-denied", "max-turns", "max-budget", "error-401", "error-529-once"];
    const unknown = names.flatMap((name) => transcript(name).filter((line) => line.kind === "unknown"));
    expect(unknown).toEqual([]);
  });
});

describe("parseCliLine on what CLI 2.1.332 added", () => {
  it("reads a refusal as its own event, naming the tool call and the CLI's reason", () => {
    const lines = readTranscript("permission-denied", "2.1.332");
    const denied = lines.find((line) => line.kind === "permission_denied");
    const toolUse = lines
      .flatMap((line) => (line.kind === "assistant" ? line.event.message.content : []))
      .find((block) => block.type === "tool_use");
    expect(denied?.kind === "permission_denied" && denied.event).toMatchObject({
      tool_name: "Write",
      tool_use_id: toolUse && "id" in toolUse ? toolUse.id : "none",
      message: expect.stringContaining("you haven't granted it yet"),
    });
  });

  it("reads the init event's capabilities and an MCP server that failed to start", () => {
    const init = readTranscript("mcp-server-failed", "2.1.332")[0];
    expect(init?.kind === "init" && init.event).toMatchObject({
      capabilities: expect.arrayContaining(["interrupt_receipt_v1"]),
      mcp_servers: [{ name: "missing", status: "failed", source: "dynamic" }],
    });
  });
});

describe("parseCliLine on the events documented in shared/claude-cli/stream-json-format.md", () => {
  it.each([
    ['{"type":"system","subtype":"status","status":"requesting","session_id":"s"}', "status"],
    [
      '{"type":"system","subtype":"task_started","task_id":"t1","tool_use_id":"toolu_1","description":"sleep 300","task_type":"local_bash","session_id":"s"}',
      "task_started",
    ],
    [
      '{"type":"system","subtype":"task_notification","task_id":"t1","tool_use_id":"toolu_1","status":"stopped","summary":"Stopped","output_file":"/tmp/t1.out","session_id":"s"}',
      "task_notification",
    ],
    [
      '{"type":"stream_event","event":{"type":"message_start"},"parent_tool_use_id":null,"session_id":"s"}',
      "stream_event",
    ],
    ['{"type":"system","subtype":"hook_response","session_id":"s"}', "system"],
  ])("classifies %s as %s", (line, kind) => {
    expect(parseCliLine(line).kind).toBe(kind);
  });
});

describe("parseCliLine on anything else", () => {
  it("keeps text that is not JSON as text", () => {
    expect(parseCliLine("Warning: something odd")).toEqual({ kind: "text", text: "Warning: something odd" });
  });

  it("keeps JSON of an unknown type, unchanged", () => {
    expect(parseCliLine('{"type":"telepathy","x":1}')).toEqual({
      kind: "unknown",
      event: { type: "telepathy", x: 1 },
    });
  });

  it("keeps a known type whose shape changed as unknown rather than failing", () => {
    expect(parseCliLine('{"type":"result","subtype":7}').kind).toBe("unknown");
  });

  it("keeps fields it does not know on known events", () => {
    const line = parseCliLine('{"type":"system","subtype":"init","session_id":"s","new_field":true}');
    expect(line.kind === "init" && line.event).toMatchObject({ new_field: true });
  });
});
