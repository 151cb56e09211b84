import { describe, expect, it } from "vitest";
import { parseCliLine } from "@/lib/cli-events";
import { readTranscript } from "@/test/support/cli-transcripts";
import { plainStyle, renderLine } from "./render-line";

const render = (value: unknown) => renderLine(parseCliLine(JSON.stringify(value)), plainStyle, "0job");

describe("a log line in a terminal", () => {
  it("reads as the conversation: the model's words, its tool calls, and the result", () => {
    const lines = readTranscript("success")
      .map((line) => renderLine(line, plainStyle, "0job"))
      .filter((text) => text !== undefined);
    expect(lines[0]).toMatch(/^● session [0-9a-f-]+ · model /);
    expect(lines.some((text) => text.startsWith("→ Write"))).toBe(true);
    expect(lines.at(-1)).toMatch(/^✓ done: \d+ turns, \$/);
  });

  it("says what a job asks and how to answer it from the terminal", () => {
    const text = render({
      type: "control_request",
      request_id: "r1",
      request: {
        subtype: "can_use_tool",
        tool_name: "Bash",
        input: { command: "npm test" },
        tool_use_id: "toolu_1",
      },
    });
    expect(text).toBe(
      '? Claude asks to use Bash: npm test\n  answer: ccw approve 0job, or ccw deny 0job --message "…"',
    );
    expect(
      render({
        type: "system",
        subtype: "request_answered",
        request_id: "r1",
        decision: "deny",
        by: "alice",
        message: "no",
      }),
    ).toBe("  deny by alice: no");
  });
});
