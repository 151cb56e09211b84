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

/** SIGKILLs every process carrying the marker; returns how many there were. */
export async function killProcessesWithEnv(name: string, value: string): Promise<number> {
  const pids = await findProcessesWithEnv(name, value);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  return pids.length;
}

/** The value of `name` in a process's environment, or undefined. */
async function environmentValue(pid: number, name: string): Promise<string | undefined> {
  try {
    const prefix = `${name}=`;
    const entry = (await readFile(`/proc/${pid}/environ`, "utf8"))
      .split("\0")
      .find((item) => item.startsWith(prefix));
    return entry?.slice(prefix.length);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * SIGKILLs every process whose worker marker names a worker process that no longer exists on this host: what a
 * crashed worker's jobs left running. Returns their pids.
 */
export async function killOrphansOfDeadWorkers(markerName: string): Promise<number[]> {
  const killed: number[] = [];
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const owner = Number(await environmentValue(pid, markerName));
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    try {
      process.kill(pid, "SIGKILL");
      killed.push(pid);
    } catch {}
  }
  return killed;
}
