import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { findOnPath } from "@/lib/find-on-path";
import { asProcessEnv } from "@/lib/process-env";
import type { CliInfo } from "@/lib/worker-status";
import { findBundledCli } from "./bundled-cli";

export interface ResolvedCli {
  bin: string;
  source: CliInfo["source"];
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Which `claude` the worker runs: CLAUDE_BIN when set, else `claude` on PATH, else the bundled one. */
export function resolveClaudeCli(
  configured: string | undefined,
  pathVariable = process.env.PATH ?? "",
  bundled = findBundledCli(),
): ResolvedCli {
  if (configured) {
    const bin = configured.includes("/")
      ? path.resolve(configured)
      : (findOnPath(configured, pathVariable) ?? configured);
    return { bin, source: "CLAUDE_BIN" };
  }
  const onPath = findOnPath("claude", pathVariable);
  // A PATH entry may be the bundled file itself (a link to it): that is still the bundled CLI.
  if (onPath) return { bin: onPath, source: bundled && sameFile(onPath, bundled) ? "bundled" : "PATH" };
  // Not found anywhere: the name alone, so a job fails with "not found" and the fix.
  return bundled && existsSync(bundled)
    ? { bin: bundled, source: "bundled" }
    : { bin: "claude", source: "PATH" };
}

/** How the CLI will authenticate, judged from the environment it gets and its config folder. */
export function detectCredentials(env: Record<string, string | undefined>): CliInfo["credentials"] {
  if (env.ANTHROPIC_API_KEY) return "api-key";
  if (env.ANTHROPIC_AUTH_TOKEN || env.CLAUDE_CODE_OAUTH_TOKEN) return "auth-token";
  const configDir = env.CLAUDE_CONFIG_DIR ?? path.join(env.HOME ?? "", ".claude");
  return existsSync(path.join(configDir, ".credentials.json")) ? "login" : "none";
}

/** `claude --version`, or why it could not be run. */
export async function probeCliVersion(
  bin: string,
  env: Record<string, string>,
): Promise<{ version: string | null; problem: string | null }> {
  try {
    // In a scratch directory: whatever it is, it must not write into the worker's own.
    const { stdout } = await promisify(execFile)(bin, ["--version"], {
      env: asProcessEnv(env),
      cwd: tmpdir(),
      timeout: 15_000,
    });
    const version = /^(\d+\.\d+\.\d+\S*) \(Claude Code\)$/.exec(stdout.trim())?.[1];
    if (!version) {
      return {
        version: null,
        problem: `${bin} --version printed "${stdout.trim().slice(0, 80)}": is it Claude Code?`,
      };
    }
    return { version, problem: null };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") return { version: null, problem: `${bin} was not found` };
    if (failure.code === "EACCES") return { version: null, problem: `${bin} is not executable` };
    return { version: null, problem: (failure.stderr || failure.message).trim().split("\n")[0] ?? "failed" };
  }
}
