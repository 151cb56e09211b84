import { describe, expect, it } from "vitest";
import {
  copiesSchema,
  fieldErrorsOf,
  jobLabel,
  jobSpecSchema,
  PROMPT_MAX_CHARS,
  specToFormValues,
} from "./job-spec";

describe("jobSpecSchema", () => {
  it("needs only a prompt, and defaults the permission mode to acceptEdits", () => {
    expect(jobSpecSchema.parse({ prompt: "  write a haiku  " })).toEqual({
      prompt: "write a haiku",
      permissionMode: "acceptEdits",
    });
  });

  it("reads a form's strings, treating blank fields as unset", () => {
    const spec = jobSpecSchema.parse({
      prompt: "go",
      title: " ",
      model: "",
      permissionMode: "plan",
      maxTurns: "12",
      timeoutSeconds: "",
    });
    expect(spec).toEqual({ prompt: "go", permissionMode: "plan", maxTurns: 12 });
  });

  it.each([
    [{ prompt: "" }, "prompt", "Write a prompt: tell Claude what to do"],
    [{ prompt: "   " }, "prompt", "Write a prompt: tell Claude what to do"],
    [{}, "prompt", "Write a prompt: tell Claude what to do"],
    [
      { prompt: "x".repeat(PROMPT_MAX_CHARS + 1) },
      "prompt",
      "The prompt is too long: at most 100,000 characters",
    ],
    [{ prompt: "go", maxTurns: "many" }, "maxTurns", "Max turns must be a number"],
    [{ prompt: "go", maxTurns: "2.5" }, "maxTurns", "Max turns must be a whole number"],
    [{ prompt: "go", maxTurns: 0 }, "maxTurns", "Max turns must be at least 1"],
    [{ prompt: "go", timeoutSeconds: 5 }, "timeoutSeconds", "Timeout must be at least 10"],
    [{ prompt: "go", permissionMode: "yolo" }, "permissionMode", "Permission mode must be one of"],
    [{ prompt: "go", model: "sonnet; rm -rf /" }, "model", "A model is a name like sonnet"],
    [{ prompt: "go", colour: "blue" }, "form", "Unknown field colour: a job takes prompt, title"],
    [{ prompt: "go", workingDirectory: "src/app" }, "workingDirectory", "must be an absolute path"],
    [{ prompt: "go", gitBase: "--upload-pack=evil" }, "gitBase", "a branch, tag or commit name"],
    [{ prompt: "go", gitBase: "main..other" }, "gitBase", "no '..'"],
    [{ prompt: "go", gitBase: "feature/" }, "gitBase", "a branch, tag or commit name"],
    [{ prompt: "go", gitBase: "main branch" }, "gitBase", "a branch, tag or commit name"],
    [{ prompt: "go", allowedTools: "Read, rm -rf" }, "allowedTools", "A tool is a name like Read or Edit"],
    [
      { prompt: "go", disallowedTools: Array(51).fill("Read") },
      "disallowedTools",
      "Disallowed tools: at most 50",
    ],
    [
      { prompt: "go", additionalDirectories: "relative/dir" },
      "additionalDirectories",
      "must be an absolute path",
    ],
    [{ prompt: "go", maxBudgetUsd: "-1" }, "maxBudgetUsd", "Max budget must be more than $0"],
    [{ prompt: "go", maxBudgetUsd: "lots" }, "maxBudgetUsd", "Max budget must be a number of US dollars"],
    [
      { prompt: "go", appendSystemPrompt: "x".repeat(20_001) },
      "appendSystemPrompt",
      "at most 20,000 characters",
    ],
    [{ prompt: "go", idleTimeoutSeconds: 1 }, "idleTimeoutSeconds", "Idle timeout must be at least 10"],
    [{ prompt: "go", attempts: 11 }, "attempts", "Attempts must be at most 10"],
    [{ prompt: "say\0 hi" }, "prompt", "The prompt contains a NUL character"],
    [{ prompt: "go", title: "a\0b" }, "title", "The title contains a NUL character"],
    [
      { prompt: "go", appendSystemPrompt: "be\0 brief" },
      "appendSystemPrompt",
      "The appended system prompt contains a NUL character",
    ],
    [{ prompt: "go", allowedTools: ["Bash(ls\0)"] }, "allowedTools", "A tool rule contains a NUL character"],
    [{ prompt: "go", disallowedTools: "Read,Bash(\0)" }, "disallowedTools", "A tool rule contains a NUL"],
    [{ prompt: "go", workingDirectory: "/tmp/a\0b" }, "workingDirectory", "contains a NUL character"],
    [
      { prompt: "go", additionalDirectories: ["/tmp/\0"] },
      "additionalDirectories",
      "An extra directory contains a NUL character",
    ],
    [{ prompt: "go", resumeSessionId: "abc" }, "resumeSessionId", "A session id is a UUID"],
    [
      { prompt: "go", parentJobId: "../../etc" },
      "parentJobId",
      "A job id is 8 to 40 lowercase letters and digits",
    ],
  ])("rejects %j with a message for %s", (input, field, message) => {
    const result = jobSpecSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)[field as "form"]).toContain(message);
  });
});

describe("jobSpecSchema numbers", () => {
  it.each([["0x10"], ["1e1"], [true], [[5]], ["Infinity"]])(
    "are decimal numbers: %j is refused, not read as a number",
    (value) => {
      expect(copiesSchema.safeParse(value).error?.issues[0]?.message).toBe("Copies must be a number");
      const spec = jobSpecSchema.safeParse({ prompt: "hi", maxTurns: value, maxBudgetUsd: value });
      expect(spec.success).toBe(false);
      if (spec.success) return;
      expect(fieldErrorsOf(spec.error)).toMatchObject({
        maxTurns: "Max turns must be a number",
        maxBudgetUsd: "Max budget must be a number of US dollars, like 2.50",
      });
    },
  );

  it("takes decimal strings and JSON numbers", () => {
    expect(copiesSchema.parse("16")).toBe(16);
    expect(jobSpecSchema.parse({ prompt: "hi", maxTurns: 10, maxBudgetUsd: "2.50" })).toMatchObject({
      maxTurns: 10,
      maxBudgetUsd: 2.5,
    });
  });
});

describe("jobSpecSchema lists", () => {
  it("reads tools and directories typed one a line or comma-separated, dropping blanks", () => {
    const spec = jobSpecSchema.parse({
      prompt: "go",
      allowedTools: "Read,\n Bash(git diff:*) ,,",
      disallowedTools: "",
      additionalDirectories: "/srv/a\n\n/srv/b\n",
    });
    expect(spec.allowedTools).toEqual(["Read", "Bash(git diff:*)"]);
    expect(spec.disallowedTools).toBeUndefined();
    expect(spec.additionalDirectories).toEqual(["/srv/a", "/srv/b"]);
  });
});

describe("jobLabel", () => {
  it("prefers the title, else the prompt's first line, shortened", () => {
    expect(jobLabel({ title: "Fix the build", prompt: "long prompt" })).toBe("Fix the build");
    expect(jobLabel({ prompt: "first line\nsecond line" })).toBe("first line");
    expect(jobLabel({ prompt: "a".repeat(100) }, 10)).toBe(`${"a".repeat(9)}…`);
  });
});

describe("specToFormValues", () => {
  it("turns a spec back into what the form would send, which parses to the same spec", () => {
    const spec = jobSpecSchema.parse({
      prompt: "Fix it",
      title: "Fix",
      allowedTools: ["Read", "Bash(git diff:*)"],
      additionalDirectories: ["/srv/a", "/srv/b"],
      maxBudgetUsd: 2.5,
      maxTurns: 9,
    });
    const values = specToFormValues(spec);
    expect(values).toMatchObject({
      allowedTools: "Read, Bash(git diff:*)",
      additionalDirectories: "/srv/a\n/srv/b",
      maxTurns: "9",
    });
    expect(jobSpecSchema.parse(values)).toEqual(spec);
  });

  it("does not copy a follow-up's link to its session", () => {
    const spec = jobSpecSchema.parse({
      prompt: "More",
      resumeSessionId: "2b26a032-995b-4edb-8293-14c0739a304e",
      parentJobId: "0mwu5nud8dde33ed7",
    });
    expect(specToFormValues(spec)).toEqual({ prompt: "More", permissionMode: "acceptEdits" });
  });
});
