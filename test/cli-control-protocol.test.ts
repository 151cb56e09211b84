// The control protocol of interactive runs, checked against the CLI this project bundles before anything is built on
// it: the real CLI, spawned as the worker will spawn it (stream-json in and out, prompts over stdio), against the
// Messages-API double. Each exchange is written to test-results/interactive/ as a transcript.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allowLine,
  answerLine,
  askUserQuestionInputSchema,
  canUseToolOf,
  denyLine,
  interruptLine,
  userMessageLine,
} from "@/lib/cli/control-protocol";
import { type CliLine, parseCliLine } from "@/lib/cli-events";
import { jobSpecSchema } from "@/lib/job-spec";
import { asProcessEnv } from "@/lib/process-env";
import { findBundledCli } from "../worker/bundled-cli";
import { buildCliArgs } from "../worker/cli-args";
import { type MessagesApiDouble, startMessagesApiDouble } from "./fixtures/messages-api-double/server";

let api: MessagesApiDouble;
const transcripts = path.resolve(import.meta.dirname, "../test-results/interactive");

beforeAll(async () => {
  api = await startMessagesApiDouble();
  mkdirSync(transcripts, { recursive: true });
});
afterAll(() => api.close());

/** One interactive CLI session: lines written and read, each kept for the transcript. */
class Session {
  readonly lines: CliLine[] = [];
  readonly transcript: string[] = [];
  readonly cwd = mkdtempSync(path.join(os.tmpdir(), "ccw-interactive-"));
  private readonly cli: ChildProcessWithoutNullStreams;
  private waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly name: string) {
    const home = mkdtempSync(path.join(os.tmpdir(), "ccw-interactive-home-"));
    this.cli = spawn(
      findBundledCli() as string,
      // The worker's own argv for a job that asks before tools run.
      buildCliArgs(jobSpecSchema.parse({ prompt: "-", permissionMode: "default", toolApprovals: "ask" }), {
        trustedDirectory: true,
      }),
      {
        cwd: this.cwd,
        env: asProcessEnv({
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: home,
          CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
          ANTHROPIC_BASE_URL: api.url,
          ANTHROPIC_API_KEY: "sk-test-local",
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
          DISABLE_TELEMETRY: "1",
        }),
      },
    );
    createInterface({ input: this.cli.stdout }).on("line", (text) => {
      this.transcript.push(`<< ${text}`);
      this.lines.push(parseCliLine(text));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.cli.on("exit", (code) => resolve(code)));
  }

  send(text: string): void {
    this.transcript.push(`>> ${text.trimEnd()}`);
    this.cli.stdin.write(text);
  }

  /** The first line read (from `from` on) that `match` picks; fails after 30 s, showing what came. */
  async next<T>(match: (line: CliLine) => T | undefined, from = 0): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const found = match(line);
        if (found !== undefined) return found;
      }
      if (Date.now() > deadline)
        throw new Error(`${this.name}: nothing matched in\n${this.transcript.join("\n")}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  async end(): Promise<number | null> {
    this.cli.stdin.end();
    const code = await this.exited;
    writeFileSync(path.join(transcripts, `${this.name}.txt`), `${this.transcript.join("\n")}\n`);
    return code;
  }
}

const toolRequest = (line: CliLine) =>
  line.kind === "control_request" ? canUseToolOf(line.event) && line.event : undefined;
const resultOf = (line: CliLine) => (line.kind === "result" ? line.event : undefined);

describe("the bundled CLI's control protocol", () => {
  it("asks before a Bash command that writes, and runs it once allowed", async () => {
    const session = new Session("bash-allowed");
    session.send(userMessageLine("mock:bash-run ```echo made > made.txt```"));
    const request = await session.next(toolRequest);
    const ask = canUseToolOf(request);
    expect(ask).toMatchObject({ tool_name: "Bash", input: { command: "echo made > made.txt" } });
    expect(existsSync(path.join(session.cwd, "made.txt"))).toBe(false);
    session.send(allowLine(request.request_id, ask?.input ?? {}));
    expect(await session.next(resultOf)).toMatchObject({
      subtype: "success",
      is_error: false,
      permission_denials: [],
    });
    expect(readFileSync(path.join(session.cwd, "made.txt"), "utf8")).toBe("made\n");
    expect(await session.end()).toBe(0);
  });

  it("tells the model the message of a refusal, and the turn goes on", async () => {
    const session = new Session("bash-denied");
    session.send(userMessageLine("mock:bash-run ```echo no > refused.txt```"));
    const request = await session.next(toolRequest);
    session.send(denyLine(request.request_id, "Refused from the dashboard: not in this job"));
    const result = await session.next(resultOf);
    expect(result).toMatchObject({ subtype: "success", permission_denials: [{ tool_name: "Bash" }] });
    expect(existsSync(path.join(session.cwd, "refused.txt"))).toBe(false);
    expect(api.requests.flatMap((request) => request.toolResults ?? [])).toContain(
      "Refused from the dashboard: not in this job",
    );
    expect(await session.end()).toBe(0);
  });

  it("asks AskUserQuestion's questions as a request, and hands the model the answers", async () => {
    const session = new Session("ask-user-question");
    // The double's own question, as the demo asks it.
    session.send(userMessageLine("mock:ask"));
    const request = await session.next(toolRequest);
    const ask = canUseToolOf(request);
    expect(ask).toMatchObject({ tool_name: "AskUserQuestion", requires_user_interaction: true });
    const input = askUserQuestionInputSchema.parse(ask?.input);
    session.send(answerLine(request.request_id, input, { "Which database should the app use?": "Postgres" }));
    await session.next(resultOf);
    expect(api.requests.flatMap((request) => request.toolResults ?? []).join("\n")).toContain(
      '"Which database should the app use?"="Postgres"',
    );
    expect(await session.end()).toBe(0);
  });

  it("withdraws an open request when interrupted, then takes the next message as a new turn", async () => {
    const session = new Session("interrupt-while-asking");
    session.send(userMessageLine("mock:bash-run ```echo late > late.txt```"));
    const request = await session.next(toolRequest);
    session.send(interruptLine("interrupt-1"));
    expect(
      await session.next((line) =>
        line.kind === "control_cancel_request" && line.event.request_id === request.request_id
          ? line
          : undefined,
      ),
    ).toBeDefined();
    expect(
      await session.next((line) =>
        line.kind === "control_response" && line.event.response.request_id === "interrupt-1"
          ? line.event.response
          : undefined,
      ),
    ).toMatchObject({ subtype: "success" });
    expect(await session.next(resultOf)).toMatchObject({ is_error: true, subtype: "error_during_execution" });
    const after = session.lines.length;
    session.send(userMessageLine("mock:text"));
    expect(await session.next(resultOf, after)).toMatchObject({ is_error: false, subtype: "success" });
    expect(existsSync(path.join(session.cwd, "late.txt"))).toBe(false);
    expect(await session.end()).toBe(0);
  });
});
