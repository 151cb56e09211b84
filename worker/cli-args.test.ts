import { describe, expect, it } from "vitest";
import { jobSpecSchema } from "@/lib/job-spec";
import { buildCliArgs, cliInput } from "./cli-args";

const argsFor = (input: Record<string, unknown>, trustedDirectory = true) =>
  buildCliArgs(jobSpecSchema.parse({ prompt: "go", ...input }), { trustedDirectory });

/** The values that follow `flag`, up to the next option or `--`. */
function valuesOf(args: string[], flag: string): string[] | undefined {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const rest = args.slice(at + 1);
  const end = rest.findIndex((arg) => arg.startsWith("--"));
  return rest.slice(0, end === -1 ? undefined : end);
}

describe("buildCliArgs", () => {
  it("loads only the user's settings in a directory the operator does not trust, and every source in one it does", () => {
    expect(valuesOf(argsFor({}, false), "--setting-sources")).toEqual(["user"]);
    expect(argsFor({}, true)).not.toContain("--setting-sources");
  });

  it("passes a sandbox's settings as flag settings", () => {
    const settings = JSON.stringify({ sandbox: { enabled: true } });
    const args = buildCliArgs(jobSpecSchema.parse({ prompt: "--settings {}" }), {
      trustedDirectory: false,
      settings,
    });
    expect(args[args.indexOf("--settings") + 1]).toBe(settings);
    expect(args.filter((arg) => arg === "--settings")).toHaveLength(1);
  });

  it("asks for stream-json in and out with --verbose (required with -p) and the default permission mode", () => {
    expect(argsFor({ prompt: "hello" })).toEqual([
      "-p",
      "--input-format",
      "stream-json",
      "--output-format",
      "stream-json",
      "--verbose",
      "--permission-mode",
      "acceptEdits",
    ]);
  });

  it.each([
    ["permissionMode", "plan", "--permission-mode", ["plan"]],
    ["permissionMode", "bypassPermissions", "--permission-mode", ["bypassPermissions"]],
    ["model", "sonnet", "--model", ["sonnet"]],
    ["maxTurns", 7, "--max-turns", ["7"]],
    ["maxBudgetUsd", "2.5", "--max-budget-usd", ["2.5"]],
    ["appendSystemPrompt", "Answer in French.", "--append-system-prompt", ["Answer in French."]],
    ["allowedTools", "Read, Bash(git diff:*)", "--allowedTools", ["Read", "Bash(git diff:*)"]],
    ["disallowedTools", ["WebFetch", "WebSearch"], "--disallowedTools", ["WebFetch", "WebSearch"]],
    ["additionalDirectories", "/srv/a\n/srv/b", "--add-dir", ["/srv/a", "/srv/b"]],
    [
      "resumeSessionId",
      "2b26a032-995b-4edb-8293-14c0739a304e",
      "--resume",
      ["2b26a032-995b-4edb-8293-14c0739a304e"],
    ],
  ])("passes %s", (field, value, flag, expected) => {
    expect(valuesOf(argsFor({ [field]: value }), flag)).toEqual(expected);
  });

  it.each([
    ["title", "A title"],
    ["workingDirectory", "/srv/project"],
    ["timeoutSeconds", 60],
    ["idleTimeoutSeconds", 60],
    ["priority", 1],
    ["attempts", 2],
    ["delaySeconds", 30],
    ["parentJobId", "0mwu5nud8dde33ed7"],
  ])("leaves %s to the worker and the queue: it is no CLI option", (field, value) => {
    expect(argsFor({ [field]: value })).toEqual(argsFor({}));
  });

  it("leaves out every option the spec does not set", () => {
    expect(argsFor({}).filter((arg) => arg.startsWith("--"))).toEqual([
      "--input-format",
      "--output-format",
      "--verbose",
      "--permission-mode",
    ]);
  });

  it("never puts the prompt on the command line: it goes on stdin as the first user turn, whatever it looks like", () => {
    const prompt = "--dangerously-skip-permissions; rm -rf ~\nsecond line";
    expect(argsFor({ prompt, allowedTools: "Read" }).join(" ")).not.toContain("dangerously");
    expect(JSON.parse(cliInput({ prompt }))).toEqual({
      type: "user",
      message: { role: "user", content: prompt },
    });
  });
});
