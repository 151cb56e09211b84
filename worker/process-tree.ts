import { readdir, readFile } from "node:fs/promises";

/** Sends a signal to a whole process group; a group that is already gone is not an error. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/**
 * Pids of live processes whose environment holds `name=value`. The CLI starts Bash-tool commands in sessions of
 * their own, out of its process group, but every descendant inherits the environment, even once re-parented.
 */
export async function findProcessesWithEnv(name: string, value: string): Promise<number[]> {
  const needle = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = await readFile(`/proc/${pid}/environ`);
      // The variable may also be the first one, with no NUL before it.
      if (
        environ.includes(Buffer.concat([Buffer.from("\0"), needle])) ||
        environ.subarray(0, needle.length).equals(needle)
      ) {
        pids.push(pid);
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}
