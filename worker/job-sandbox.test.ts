import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  apiHostOf,
  detectJobIsolation,
  SandboxUnavailableError,
  sandboxArgs,
  sandboxSettings,
} from "./job-sandbox";

/** The pairs of a bubblewrap option, in order: ["--bind", "/a", "/a"] → [["--bind", "/a /a"]]. */
function mountsOf(args: string[]): string[] {
  const mounts: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const option = args[at] as string;
    if (option === "--") break;
    const arity = option === "--tmpfs" || option === "--chdir" ? 1 : 2;
    mounts.push(`${option} ${args.slice(at + 1, at + 1 + arity).join(" ")}`);
    at += arity;
  }
  return mounts;
}

describe("sandboxArgs", () => {
  const operatorConfigDir = mkdtempSync(path.join(os.tmpdir(), "ccw-operator-"));
  writeFileSync(path.join(operatorConfigDir, "settings.json"), "{}");
  writeFileSync(path.join(operatorConfigDir, ".credentials.json"), "{}");
  mkdirSync(path.join(operatorConfigDir, "projects"));
  const placement = {
    cliBin: "/opt/claude/bin/claude",
    dataDir: "/srv/ccw",
    cwd: "/srv/ccw/jobs/7/workspace",
    extraDirectories: ["/home/me/lib"],
    sessionHome: "/srv/ccw/jobs/7/cli-sessions",
    operatorConfigDir,
  };
  const mounts = mountsOf(sandboxArgs(placement));

  it("empties DATA_DIR, then gives back only the job's directories, writable", () => {
    const hidden = mounts.indexOf("--tmpfs /srv/ccw");
    expect(hidden).toBeGreaterThan(mounts.indexOf("--ro-bind / /"));
    for (const dir of [placement.cwd, "/home/me/lib", placement.sessionHome])
      expect(mounts.indexOf(`--bind ${dir} ${dir}`)).toBeGreaterThan(hidden);
    expect(mounts.filter((mount) => mount.includes("/srv/ccw/jobs/") && !mount.includes("/jobs/7/"))).toEqual(
      [],
    );
    expect(mounts.at(-1)).toBe(`--chdir ${placement.cwd}`);
  });

  it("gives the run the operator's settings read-only and their login, but none of their other sessions", () => {
    expect(mounts).toContain(
      `--ro-bind ${operatorConfigDir}/settings.json ${placement.sessionHome}/settings.json`,
    );
    expect(mounts).toContain(
      `--bind ${operatorConfigDir}/.credentials.json ${placement.sessionHome}/.credentials.json`,
    );
    expect(mounts.some((mount) => mount.includes(`${operatorConfigDir}/projects`))).toBe(false);
    expect(mounts.some((mount) => mount.includes("CLAUDE.md"))).toBe(false);
  });

  it("keeps the CLI and the checkout visible though the temporary directory is the run's own", () => {
    const privateTmp = mounts.indexOf(`--tmpfs ${os.tmpdir()}`);
    expect(privateTmp).toBeGreaterThan(-1);
    const checkout = path.resolve(import.meta.dirname, "..");
    expect(mounts.indexOf(`--ro-bind ${checkout} ${checkout}`)).toBeGreaterThan(privateTmp);
    expect(mounts.indexOf(`--ro-bind ${placement.cliBin} ${placement.cliBin}`)).toBeGreaterThan(privateTmp);
  });
});

describe("sandboxSettings", () => {
  it("never lets a command run unsandboxed, and leaves whether Bash runs to the permission mode", () => {
    const { sandbox } = JSON.parse(sandboxSettings(["/home/me/lib"], ["registry.npmjs.org"]));
    expect(sandbox).toMatchObject({
      enabled: true,
      failIfUnavailable: true,
      allowUnsandboxedCommands: false,
      autoAllowBashIfSandboxed: false,
      filesystem: { allowWrite: ["/home/me/lib"] },
      network: { allowedDomains: ["registry.npmjs.org"] },
    });
  });
});

describe("detectJobIsolation", () => {
  it("says why jobs are not isolated, and what would isolate them", async () => {
    const none = await detectJobIsolation({ jobIsolation: "none", jobNetworkDomains: [] }, undefined);
    expect(none).toMatchObject({ level: "none", detail: expect.stringContaining("JOB_ISOLATION=none") });
    const missing = await detectJobIsolation(
      { jobIsolation: "auto", jobNetworkDomains: [] },
      undefined,
      "/nowhere",
    );
    expect(missing.level).toBe("none");
    expect(missing.detail).toContain("bubblewrap (bwrap) and socat are not installed");
    expect(missing.detail).toContain("apt-get install bubblewrap socat");
  });

  it("refuses to go on without a sandbox when JOB_ISOLATION=sandbox asks for one", async () => {
    await expect(
      detectJobIsolation({ jobIsolation: "sandbox", jobNetworkDomains: [] }, undefined, "/nowhere"),
    ).rejects.toThrow(SandboxUnavailableError);
  });
});

describe("apiHostOf", () => {
  it("is the base URL's host, or Anthropic's API", () => {
    expect(apiHostOf("https://gateway.example.com:8443/anthropic")).toBe("gateway.example.com");
    expect(apiHostOf(undefined)).toBe("api.anthropic.com");
    expect(apiHostOf("not a url")).toBe("api.anthropic.com");
  });
});
