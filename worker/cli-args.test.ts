import { describe, expect, it } from "vitest";
import { jobSpecSchema } from "@/lib/job-spec";
import { buildCliArgs } from "./cli-args";

const argsFor = (input: Record<string, unknown>) => buildCliArgs(jobSpecSchema.parse(input));

describe("buildCliArgs", () => {
  it("asks for stream-json with --verbose (required with -p) and the default permission mode", () => {
    expect(argsFor({ prompt: "hello" })).toEqual([
      "-p",
      "--output-format",
      "stream-json",
      "--verbose",
      "--permission-mode",
      "acceptEdits",
      "--",
      "hello",
    ]);
  });

  it("passes the permission mode", () => {
    expect(argsFor({ prompt: "x", permissionMode: "plan" })).toContain("plan");
  });

  it("passes the model", () => {
    const args = argsFor({ prompt: "x", model: "sonnet" });
    expect(args.slice(args.indexOf("--model"), args.indexOf("--model") + 2)).toEqual(["--model", "sonnet"]);
  });

  it("passes max turns", () => {
    const args = argsFor({ prompt: "x", maxTurns: 7 });
    expect(args.slice(args.indexOf("--max-turns"), args.indexOf("--max-turns") + 2)).toEqual([
      "--max-turns",
      "7",
    ]);
  });

  it("leaves out what the spec does not set", () => {
    const args = argsFor({ prompt: "x" });
    expect(args).not.toContain("--model");
    expect(args).not.toContain("--max-turns");
  });

  it("keeps a prompt that looks like an option a prompt, as one argument", () => {
    const args = argsFor({ prompt: "--dangerously-skip-permissions; rm -rf ~" });
    expect(args.slice(-2)).toEqual(["--", "--dangerously-skip-permissions; rm -rf ~"]);
  });
});
