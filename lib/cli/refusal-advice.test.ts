import { describe, expect, it } from "vitest";
import { readTranscript } from "@/test/support/cli-transcripts";
import { jobRefusalAdvice, refusalAdvice, rulesToAllow } from "./refusal-advice";

const cwd = "/home/me/project";

describe("refusalAdvice", () => {
  it("offers the exact allowed-tool rule for a refused Bash command, whatever the permission mode", () => {
    const [advice] = refusalAdvice(
      [{ tool_name: "Bash", tool_input: { command: "npm publish --dry-run" } }],
      {
        permissionMode: "acceptEdits",
        cwd,
      },
    );
    expect(advice).toEqual({
      tool: "Bash",
      target: "npm publish --dry-run",
      rule: "Bash(npm publish --dry-run)",
      advice:
        "Allow the command with the rule Bash(npm publish --dry-run) in Allowed tools, then run the job again.",
    });
    expect(advice?.advice).not.toMatch(/acceptEdits/);
  });

  it("falls back to every command of the program when the command cannot be written as a rule", () => {
    const [advice] = refusalAdvice([{ tool_name: "Bash", tool_input: { command: "echo $(date)\nls" } }], {
      permissionMode: "default",
      cwd,
    });
    expect(advice?.rule).toBe("Bash(echo:*)");
  });

  it("says a write outside the job's directory needs an extra directory, not another mode", () => {
    const [advice] = refusalAdvice([{ tool_name: "Write", tool_input: { file_path: "/etc/motd" } }], {
      permissionMode: "acceptEdits",
      cwd,
    });
    expect(advice?.target).toBe("/etc/motd");
    expect(advice?.rule).toBeUndefined();
    expect(advice?.advice).toMatch(/^\/etc is outside the job's directory: add it under Extra directories/);
  });

  it("counts the extra directories as the job's own, and suggests acceptEdits only to a mode that asks", () => {
    const inExtra = refusalAdvice([{ tool_name: "Edit", tool_input: { file_path: "/srv/shared/a.txt" } }], {
      permissionMode: "default",
      cwd,
      additionalDirectories: ["/srv/shared"],
    });
    expect(inExtra[0]?.advice).toMatch(/permission mode acceptEdits/);
    const guarded = refusalAdvice([{ tool_name: "Edit", tool_input: { file_path: `${cwd}/.git/config` } }], {
      permissionMode: "acceptEdits",
      cwd,
    });
    expect(guarded[0]?.advice).toMatch(/even in permission mode acceptEdits/);
  });

  it("reads a real refusal of CLI 2.1.332 in the default mode", () => {
    const result = readTranscript("permission-denied").find((line) => line.kind === "result");
    const denials = result?.kind === "result" ? (result.event.permission_denials ?? []) : [];
    const [advice] = refusalAdvice(denials, { permissionMode: "default", cwd: "/home/user/work" });
    expect(advice).toMatchObject({ tool: "Write", target: "/home/user/work/hello.txt", rule: "Write" });
    expect(advice?.advice).toMatch(/acceptEdits/);
  });

  it("names other tools by their own rule", () => {
    const [advice] = refusalAdvice([{ tool_name: "WebFetch", tool_input: { url: "https://example.com" } }], {
      permissionMode: "acceptEdits",
    });
    expect(advice).toMatchObject({ target: "https://example.com", rule: "WebFetch" });
  });
});

describe("rulesToAllow", () => {
  it("gives each refused call's rule once, without those the job already allows or calls no rule lets through", () => {
    const advice = jobRefusalAdvice({
      spec: { permissionMode: "default" },
      progress: { cwd },
      result: {
        permissionDenials: [
          { tool_name: "Bash", tool_input: { command: "npm test" } },
          { tool_name: "Write", tool_input: { file_path: `${cwd}/a.txt` } },
          { tool_name: "Write", tool_input: { file_path: `${cwd}/b.txt` } },
          { tool_name: "Bash", tool_input: { command: "git push" } },
          { tool_name: "Write", tool_input: { file_path: "/etc/motd" } },
        ],
      },
    });
    expect(rulesToAllow(advice)).toEqual(["Bash(npm test)", "Write", "Bash(git push)"]);
    expect(rulesToAllow(advice, ["Bash(git push)"])).toEqual(["Bash(npm test)", "Write"]);
    expect(rulesToAllow(jobRefusalAdvice({ spec: { permissionMode: "default" }, result: null }))).toEqual([]);
  });
});
