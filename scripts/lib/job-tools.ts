import { ensureProgram, MissingProgramError } from "./system-package";

/**
 * The programs a worker's jobs need beyond the CLI, installed where this process may: bubblewrap and socat sandbox
 * each job (worker/job-sandbox.ts), git keeps a workspace's history (lib/git/). Their absence is no reason not to
 * start: the worker then says on every page that jobs are not isolated, and a job's changes say git is missing.
 */
export function ensureJobTools(): void {
  const wanted: [binary: string, debPackage: string, howToGetIt: string][] = [
    [
      "git",
      "git",
      "Install git (Debian/Ubuntu: `sudo apt-get install git`), or a job's changes cannot be shown.",
    ],
  ];
  if (process.platform === "linux") {
    const sandbox =
      "Install them (Debian/Ubuntu: `sudo apt-get install bubblewrap socat`) and restart, or jobs run without isolation and can read the dashboard's data.";
    wanted.push(["bwrap", "bubblewrap", sandbox], ["socat", "socat", sandbox]);
  }
  for (const [binary, debPackage, howToGetIt] of wanted) {
    try {
      ensureProgram(binary, debPackage, howToGetIt);
    } catch (error) {
      if (!(error instanceof MissingProgramError)) throw error;
      console.warn(error.message);
    }
  }
}
