import { describe, expect, it } from "vitest";
import { fieldErrorsOf, jobLabel, jobSpecSchema, PROMPT_MAX_CHARS } from "./job-spec";

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
    [
      { prompt: "go", permissionMode: "bypassPermissions" },
      "permissionMode",
      "Permission mode must be one of",
    ],
    [{ prompt: "go", model: "sonnet; rm -rf /" }, "model", "A model is a name like sonnet"],
    [{ prompt: "go", priority: 1 }, "form", "Unknown field priority: a job takes prompt, title"],
  ])("rejects %j with a message for %s", (input, field, message) => {
    const result = jobSpecSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)[field as "form"]).toContain(message);
  });
});

describe("jobLabel", () => {
  it("prefers the title, else the prompt's first line, shortened", () => {
    expect(jobLabel({ title: "Fix the build", prompt: "long prompt" })).toBe("Fix the build");
    expect(jobLabel({ prompt: "first line\nsecond line" })).toBe("first line");
    expect(jobLabel({ prompt: "a".repeat(100) }, 10)).toBe(`${"a".repeat(9)}…`);
  });
});
