import { describe, expect, it } from "vitest";
import { cliVersionDefects, compareVersions, MIN_CLI_VERSION } from "./cli-version";

describe("compareVersions", () => {
  it("orders releases by their numbers, not as text", () => {
    expect(compareVersions("2.1.99", "2.1.100")).toBeLessThan(0);
    expect(compareVersions("2.2.0", "2.1.332")).toBeGreaterThan(0);
    expect(compareVersions("2.1.332-beta", "2.1.332")).toBe(0);
  });
});

describe("cliVersionDefects", () => {
  it("lists what an old CLI gets wrong", () => {
    expect(cliVersionDefects("2.1.197")).toHaveLength(5);
    expect(cliVersionDefects("2.1.212")).toEqual([
      "a slow reader can lose the end of its output",
      "--mcp-config servers may not be connected before the first turn",
    ]);
  });

  it("finds nothing wrong from the minimum on, nor in a version it cannot read", () => {
    expect(cliVersionDefects(MIN_CLI_VERSION)).toEqual([]);
    expect(cliVersionDefects("2.1.332")).toEqual([]);
    expect(cliVersionDefects("nightly")).toEqual([]);
  });
});
