import { describe, expect, it } from "vitest";
import { describeExit } from "./exit-reason";

describe("describeExit", () => {
  it("names the signal, and what usually sends SIGKILL", () => {
    expect(describeExit({ code: null, signal: "SIGKILL" }, [])).toMatch(
      /^killed by SIGKILL, .*out-of-memory/,
    );
    expect(describeExit({ code: null, signal: "SIGSEGV" }, [])).toBe("killed by SIGSEGV");
  });

  it("quotes the last error line the child printed beside its exit code", () => {
    const lines = ["worker: ready", "Error: first", "  at x", "TypeError: boom", "  at y"];
    expect(describeExit({ code: 1, signal: null }, lines)).toBe("exit code 1: TypeError: boom");
  });

  it("says only the exit code when the child printed no error", () => {
    expect(describeExit({ code: 3, signal: null }, ["worker: stopped"])).toBe("exit code 3");
  });
});
