import { ensureProgram, MissingProgramError } from "./system-package";

const HOW_TO_GET_THEM =
  "Install them (Debian/Ubuntu: `sudo apt-get install bubblewrap socat`) and restart, or jobs run without isolation " +
  "and can read the dashboard's data.";

/**
 * bubblewrap and socat, which sandbox each job (worker/job-sandbox.ts), installed where this process may. Their
 * absence is no reason not to start: the worker then says on every page that jobs are not isolated.
 */
export function ensureSandboxTools(): void {
  if (process.platform !== "linux") return;
  for (const [binary, debPackage] of [
    ["bwrap", "bubblewrap"],
    ["socat", "socat"],
  ] as const) {
    try {
      ensureProgram(binary, debPackage, HOW_TO_GET_THEM);
    } catch (error) {
      if (!(error instanceof MissingProgramError)) throw error;
      console.warn(`${error.message}`);
      return;
    }
  }
}
