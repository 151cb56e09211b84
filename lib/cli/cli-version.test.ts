import { describe, expect, it } from "vitest";
import { readTranscript } from "@/test/support/cli-transcripts";
import { cliInitReport } from "./cli-init-report";
import { cliDefects, compareVersions, effectiveCliVersion, MIN_CLI_VERSION } from "./cli-version";

describe("compareVersions", () => {
  it("orders releases by their numbers, not as text", () => {
    expect(compareVersions("2.1.99", "2.1.100")).toBeLessThan(0);
    expect(compareVersions("2.2.0", "2.1.332")).toBeGreaterThan(0);
    expect(compareVersions("2.1.332-beta", "2.1.332")).toBe(0);
  });
});

const initOf = (transcript: string, version: "2.1.197" | "2.1.332") => {
  const init = readTranscript(transcript, version).find((line) => line.kind === "init");
  if (init?.kind !== "init") throw new Error(`no init in ${version}/${transcript}`);
  return init.event;
};

describe("cliDefects by version, before any job ran", () => {
  it("lists what an old CLI gets wrong", () => {
    expect(cliDefects({ version: "2.1.197" })).toHaveLength(5);
    expect(cliDefects({ version: "2.1.212" })).toEqual([
      "a slow reader can lose the end of its output",
      "--mcp-config servers may not be connected before the first turn",
    ]);
  });

  it("finds nothing wrong from the minimum on, nor in a version it cannot read", () => {
    expect(cliDefects({ version: MIN_CLI_VERSION })).toEqual([]);
    expect(cliDefects({ version: "2.1.332" })).toEqual([]);
    expect(cliDefects({ version: "nightly" })).toEqual([]);
    expect(cliDefects({ version: null })).toEqual([]);
  });
});

describe("cliDefects from what a real init event says", () => {
  it("reads 2.1.332's version and capabilities, and finds it sound", () => {
    const report = cliInitReport(initOf("success", "2.1.332"));
    expect(report.version).toBe("2.1.332");
    expect(report.capabilities).toContain("interrupt_receipt_v1");
    expect(cliDefects({ version: "2.1.197", reported: report })).toEqual([]);
  });

  it("reads 2.1.197's missing capabilities as the defect itself, whatever --version claimed", () => {
    const report = cliInitReport(initOf("success", "2.1.197"));
    expect(report).toMatchObject({ version: "2.1.197", capabilities: null });
    expect(effectiveCliVersion({ version: "2.1.332", reported: report })).toBe("2.1.197");
    expect(cliDefects({ version: "2.1.332", reported: report })).toHaveLength(5);
  });

  it("counts an MCP server still pending at the first turn as the defect, even on a version that fixed it", () => {
    const init = initOf("mcp-server-failed", "2.1.332");
    const pending = cliInitReport({ ...init, mcp_servers: [{ name: "slow", status: "pending" }] });
    expect(pending.pendingMcpServers).toEqual(["slow"]);
    expect(cliDefects({ version: "2.1.332", reported: pending })).toEqual([
      "--mcp-config servers may not be connected before the first turn",
    ]);
    // A server that failed was tried before the first turn: that is not the defect.
    expect(cliDefects({ version: "2.1.332", reported: cliInitReport(init) })).toEqual([]);
  });
});
