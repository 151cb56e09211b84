import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectCredentials, probeCliVersion, resolveClaudeCli } from "./claude-cli";

const root = mkdtempSync(path.join(os.tmpdir(), "ccw-cli-"));
function executable(file: string, script = "#!/bin/sh\necho '9.9.9 (Claude Code)'\n"): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return file;
}
const bundled = executable(path.join(root, "bundled", "claude"));
const own = executable(path.join(root, "own-bin", "claude"));
const linkedDir = path.join(root, "npm-bin");
mkdirSync(linkedDir);
symlinkSync(bundled, path.join(linkedDir, "claude"));

describe("resolveClaudeCli", () => {
  it("takes CLAUDE_BIN first, as a path or as a name on PATH", () => {
    expect(resolveClaudeCli("./x/claude", "", bundled)).toEqual({
      bin: path.resolve("x/claude"),
      source: "CLAUDE_BIN",
    });
    expect(resolveClaudeCli("claude", path.join(root, "own-bin"), bundled)).toEqual({
      bin: own,
      source: "CLAUDE_BIN",
    });
  });

  it("then `claude` on PATH", () => {
    expect(resolveClaudeCli(undefined, path.join(root, "own-bin"), bundled)).toEqual({
      bin: own,
      source: "PATH",
    });
  });

  it("calls a PATH entry that is the bundled CLI bundled (npm puts node_modules/.bin on PATH)", () => {
    expect(resolveClaudeCli(undefined, linkedDir, bundled).source).toBe("bundled");
  });

  it("then the bundled one", () => {
    expect(resolveClaudeCli(undefined, "", bundled)).toEqual({ bin: bundled, source: "bundled" });
  });

  it("falls back to the bare name when there is none, so a job fails with 'not found'", () => {
    expect(resolveClaudeCli(undefined, "", path.join(root, "nothing"))).toEqual({
      bin: "claude",
      source: "PATH",
    });
  });
});

describe("detectCredentials", () => {
  const home = mkdtempSync(path.join(os.tmpdir(), "ccw-home-"));

  it("sees an API key, an auth token, a login, or nothing", () => {
    expect(detectCredentials({ ANTHROPIC_API_KEY: "sk", HOME: home })).toBe("api-key");
    expect(detectCredentials({ ANTHROPIC_AUTH_TOKEN: "t", HOME: home })).toBe("auth-token");
    expect(detectCredentials({ CLAUDE_CODE_OAUTH_TOKEN: "t", HOME: home })).toBe("auth-token");
    expect(detectCredentials({ HOME: home })).toBe("none");
    mkdirSync(path.join(home, ".claude"));
    writeFileSync(path.join(home, ".claude", ".credentials.json"), "{}");
    expect(detectCredentials({ HOME: home })).toBe("login");
    expect(detectCredentials({ HOME: home, CLAUDE_CONFIG_DIR: path.join(home, "elsewhere") })).toBe("none");
  });
});

describe("probeCliVersion", () => {
  it("reads the version", async () => {
    expect(await probeCliVersion(bundled, { PATH: "/usr/bin:/bin" })).toEqual({
      version: "9.9.9",
      problem: null,
    });
  });

  it("says what is wrong with a missing or broken CLI", async () => {
    expect((await probeCliVersion(path.join(root, "missing"), {})).problem).toMatch(/was not found/);
    const broken = executable(
      path.join(root, "broken"),
      "#!/bin/sh\necho 'claude native binary not installed' >&2\nexit 1\n",
    );
    expect((await probeCliVersion(broken, { PATH: "/usr/bin:/bin" })).problem).toBe(
      "claude native binary not installed",
    );
  });

  it("does not take just any program for Claude Code", async () => {
    const impostor = executable(path.join(root, "impostor"), `#!/bin/sh\necho '{"type":"system"}'\n`);
    expect((await probeCliVersion(impostor, { PATH: "/usr/bin:/bin" })).problem).toMatch(
      /is it Claude Code\?/,
    );
  });
});
