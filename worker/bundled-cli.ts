import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The Claude CLI ships as one native binary per platform, each in a package of its own (`optionalDependencies` in
 * package.json, all pinned to one version). npm installs only the one whose os, cpu and libc match this machine.
 * Its wrapper package, `@anthropic-ai/claude-code`, is not used: it declares a newer Node than the dashboard needs
 * and only copies that same binary into place.
 */
const PACKAGE_PREFIX = "@anthropic-ai/claude-code-";

export interface Platform {
  platform: NodeJS.Platform;
  arch: string;
  /** Linux only: musl (Alpine) rather than glibc. */
  musl: boolean;
}

/** The platform package for this machine, or undefined where Claude Code ships no binary. */
export function bundledCliPackage({ platform, arch, musl }: Platform): string | undefined {
  if (arch !== "x64" && arch !== "arm64") return undefined;
  if (platform === "linux") return `${PACKAGE_PREFIX}linux-${arch}${musl ? "-musl" : ""}`;
  if (platform === "darwin" || platform === "win32") return `${PACKAGE_PREFIX}${platform}-${arch}`;
  return undefined;
}

function thisPlatform(): Platform {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
    ?.header;
  return {
    platform: process.platform,
    arch: process.arch,
    musl: process.platform === "linux" && !header?.glibcVersionRuntime,
  };
}

/** The bundled binary for this machine, or undefined when its package is not installed. */
export function findBundledCli(platform: Platform = thisPlatform()): string | undefined {
  const name = bundledCliPackage(platform);
  if (!name) return undefined;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    const bin = path.join(path.dirname(manifest), platform.platform === "win32" ? "claude.exe" : "claude");
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
