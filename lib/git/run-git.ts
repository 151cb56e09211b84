import "server-only";
import { execFile } from "node:child_process";
import { asProcessEnv } from "../process-env";

/** A repository and the tree its files are read from, kept apart: a job can write its files, never the repository. */
export interface GitPlace {
  gitDir: string;
  workTree: string;
  /** An index of the caller's own, so readers never disturb one another or the worker. */
  indexFile?: string;
}

/** A directory git finds its repository from, as `git -C` does: only to learn where that repository is. */
export interface GitSearchPlace {
  cwd: string;
}

/**
 * Options that keep git from running anything a job's files could name: no hooks, no filters or diff drivers from
 * configuration (the system's and the user's are not read at all), no pager, no prompt.
 */
const SAFE_OPTIONS = [
  ...["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.autocrlf=false"],
  // Paths as they are, not octal-escaped, so the names in a diff match the files.
  ...["-c", "core.quotePath=false"],
  ...[
    "-c",
    "user.name=Claude Code Worker",
    "-c",
    "user.email=worker@localhost",
    "-c",
    "commit.gpgsign=false",
  ],
];

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export class GitError extends Error {
  constructor(
    message: string,
    /** What git printed before it failed: some commands answer there, on a failing exit (merge-tree's conflicts). */
    readonly stdout = "",
  ) {
    super(message);
  }
}

/** Runs git on a place (with `input` on its stdin); its stdout, or a GitError that says which command failed and what git said. */
export function runGit(place: GitPlace | GitSearchPlace, args: string[], input?: string): Promise<string> {
  const located =
    "gitDir" in place
      ? {
          GIT_DIR: place.gitDir,
          GIT_WORK_TREE: place.workTree,
          ...(place.indexFile ? { GIT_INDEX_FILE: place.indexFile } : {}),
        }
      : {};
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      [...SAFE_OPTIONS, ...args],
      {
        env: asProcessEnv({
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          ...located,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_TERMINAL_PROMPT: "0",
          GIT_OPTIONAL_LOCKS: "0",
          // Nothing else of this process's environment: its secrets are not git's business.
        }),
        ...("cwd" in place ? { cwd: place.cwd } : {}),
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(`git ${args[0]} failed: ${stderr.trim() || error.message}`, stdout));
        else resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });
}
