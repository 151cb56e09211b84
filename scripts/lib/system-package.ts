import { spawnSync } from "node:child_process";
import { findOnPath } from "@/lib/find-on-path";

export class MissingProgramError extends Error {}

/**
 * Returns the path of `binary`, installing Debian's `debPackage` with apt-get when the binary is missing
 * and this process may do so (root, apt-get present). Otherwise throws with `howToGetIt` in the message.
 */
export function ensureProgram(binary: string, debPackage: string, howToGetIt: string): string {
  const found = findOnPath(binary);
  if (found) return found;

  const canInstall = process.getuid?.() === 0 && findOnPath("apt-get") !== undefined;
  if (!canInstall) {
    throw new MissingProgramError(`${binary} is not installed. ${howToGetIt}`);
  }
  console.log(`${binary} is missing: installing Debian's ${debPackage} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit", env }).status === 0;
  // An old or empty package list makes the install fail with "unable to locate package": update once, then retry.
  const installed =
    run(["install", "-y", "--no-install-recommends", debPackage]) ||
    (run(["update"]) && run(["install", "-y", "--no-install-recommends", debPackage]));
  const after = findOnPath(binary);
  if (!installed || !after) {
    throw new MissingProgramError(`apt-get could not install ${debPackage}. ${howToGetIt}`);
  }
  return after;
}
