import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCliPackage } from "./bundled-cli";

const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as {
  optionalDependencies: Record<string, string>;
};

describe("bundledCliPackage", () => {
  it("names the package of each platform Claude Code ships a binary for", () => {
    expect(bundledCliPackage({ platform: "linux", arch: "x64", musl: false })).toBe(
      "@anthropic-ai/claude-code-linux-x64",
    );
    expect(bundledCliPackage({ platform: "linux", arch: "arm64", musl: true })).toBe(
      "@anthropic-ai/claude-code-linux-arm64-musl",
    );
    expect(bundledCliPackage({ platform: "darwin", arch: "arm64", musl: false })).toBe(
      "@anthropic-ai/claude-code-darwin-arm64",
    );
    expect(bundledCliPackage({ platform: "win32", arch: "x64", musl: false })).toBe(
      "@anthropic-ai/claude-code-win32-x64",
    );
  });

  it("names none where there is no binary", () => {
    expect(bundledCliPackage({ platform: "freebsd", arch: "x64", musl: false })).toBeUndefined();
    expect(bundledCliPackage({ platform: "linux", arch: "ia32", musl: false })).toBeUndefined();
  });

  it("finds every package it can name among the dependencies, all pinned to one version", () => {
    const names = ["linux", "darwin", "win32"].flatMap((platform) =>
      ["x64", "arm64"].flatMap((arch) =>
        [false, ...(platform === "linux" ? [true] : [])].map((musl) =>
          bundledCliPackage({ platform: platform as NodeJS.Platform, arch, musl }),
        ),
      ),
    );
    const pinned = Object.entries(manifest.optionalDependencies).filter(([name]) =>
      name.startsWith("@anthropic-ai/claude-code-"),
    );
    expect(pinned.map(([name]) => name).sort()).toEqual([...names].sort());
    expect(new Set(pinned.map(([, version]) => version)).size).toBe(1);
  });
});
