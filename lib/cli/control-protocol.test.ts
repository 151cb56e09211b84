import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliLine } from "../cli-events";
import {
  allowLine,
  answerLine,
  canUseToolOf,
  denyLine,
  interruptLine,
  userMessageLine,
} from "./control-protocol";

const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/claude-cli/interactive");
/** What the bundled CLI printed in each recorded exchange (test/cli-control-protocol.test.ts records them). */
const printed = (name: string) =>
  readFileSync(path.join(fixtures, name), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("<< "))
    .map((line) => parseCliLine(line.slice(3)));

describe("the CLI's side of the control protocol, in recorded exchanges", () => {
  it("parses every line of every transcript as a kind of its own", () => {
    const names = readdirSync(fixtures);
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) expect(printed(name).filter((line) => line.kind === "unknown")).toEqual([]);
  });

  it("reads a tool request: the tool, its input, its suggestions", () => {
    const request = printed("bash-allowed.transcript").find((line) => line.kind === "control_request");
    expect(request?.kind === "control_request" && canUseToolOf(request.event)).toMatchObject({
      tool_name: "Bash",
      input: { command: "echo made > made.txt" },
      permission_suggestions: expect.arrayContaining([expect.objectContaining({ type: "addRules" })]),
      tool_use_id: expect.stringMatching(/^toolu_/),
    });
  });

  it("reads a question, and a request withdrawn by an interrupt", () => {
    const question = printed("ask-user-question.transcript").find((line) => line.kind === "control_request");
    expect(question?.kind === "control_request" && canUseToolOf(question.event)).toMatchObject({
      tool_name: "AskUserQuestion",
      requires_user_interaction: true,
    });
    const lines = printed("interrupt-while-asking.transcript");
    const asked = lines.find((line) => line.kind === "control_request");
    const withdrawn = lines.find((line) => line.kind === "control_cancel_request");
    expect(asked?.kind === "control_request" && withdrawn?.kind === "control_cancel_request").toBe(true);
    if (asked?.kind === "control_request" && withdrawn?.kind === "control_cancel_request")
      expect(withdrawn.event.request_id).toBe(asked.event.request_id);
  });
});

describe("the host's side", () => {
  const decode = (line: string) => {
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    return JSON.parse(line);
  };

  it("writes a user turn", () => {
    expect(decode(userMessageLine("two\nlines"))).toEqual({
      type: "user",
      message: { role: "user", content: "two\nlines" },
    });
  });

  it("allows with the input always sent back, and applies suggestions for this session alone", () => {
    const rule = {
      type: "addRules",
      rules: [{ toolName: "Bash", ruleContent: "npm test" }],
      behavior: "allow",
      destination: "localSettings",
    };
    expect(decode(allowLine("r1", { command: "npm test" }, [rule]))).toEqual({
      type: "control_response",
      response: {
        subtype: "success",
        request_id: "r1",
        response: {
          behavior: "allow",
          updatedInput: { command: "npm test" },
          updatedPermissions: [{ ...rule, destination: "session" }],
        },
      },
    });
    expect(decode(allowLine("r2", {})).response.response).toEqual({ behavior: "allow", updatedInput: {} });
  });

  it("denies with a message, answers questions in their input, and interrupts", () => {
    expect(decode(denyLine("r3", "not today")).response).toEqual({
      subtype: "success",
      request_id: "r3",
      response: { behavior: "deny", message: "not today" },
    });
    const input = { questions: [{ question: "Which?", options: [{ label: "A" }, { label: "B" }] }] };
    expect(decode(answerLine("r4", input, { "Which?": "B" })).response.response).toEqual({
      behavior: "allow",
      updatedInput: { ...input, answers: { "Which?": "B" } },
    });
    expect(decode(interruptLine("i1"))).toEqual({
      type: "control_request",
      request_id: "i1",
      request: { subtype: "interrupt" },
    });
  });
});
