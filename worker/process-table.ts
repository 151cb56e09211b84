import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { MARKER_VARIABLES, type Markers } from "./process-markers";

export interface MarkedProcess {
  readonly pid: number;
  /** Clock ticks after boot: with the pid, what tells this process from a later one given the same pid. */
  readonly startTime: number;
  readonly markers: Readonly<Markers>;
}

export interface ProcessTableOptions {
  /** Where the proc filesystem is mounted. */
  root?: string;
  /** Reads one file of the proc root; synchronous, as /proc is the kernel's memory, never a disk. */
  readFile?: (file: string) => Buffer;
}

/** What one process's files said, or that it has no markers. */
interface Reading {
  startTime: number;
  markers: Markers | undefined;
  /**
   * Its environment read empty while it is not a zombie: it is inside execve, whose new image has no environment
   * yet. Read again a moment later, it shows the one it was given (a job's process keeps its markers across exec).
   */
  inExec: boolean;
}

// The kernel reports start times in USER_HZ, which is 100 on every architecture Linux still runs on.
const TICKS_PER_SECOND = 100;
// Between fork and exec a child still shows its parent's environment: the worker's, unmarked, for the CLI it starts.
// A process seen that young without markers is read again at the next listing rather than trusted.
const SETTLED_AFTER_SECONDS = 1;
/** How often, and how far apart, a process caught inside execve is read again. */
const EXEC_REREADS = 20;
const EXEC_REREAD_MS = 5;
const VARIABLE_FIELDS = new Map(
  Object.entries(MARKER_VARIABLES).map(([field, variable]) => [variable, field as keyof Markers]),
);

/**
 * The processes on this host that carry all four markers. Reading every process's environment on every look costs
 * hundreds of milliseconds on a busy host, so each process is read once, when its pid first shows up in a listing of
 * /proc; after that the listing alone tells whether it still exists. A pid reused between two listings therefore
 * goes unnoticed by the listing, which is why `kill` reads the process again before it signals it.
 *
 * /proc is read synchronously: its files are made by the kernel from memory as they are read, so a read never waits
 * for a disk, and a read through the thread pool costs several times the read itself (a worker sweeps once per run).
 * Callers asking in the same turn of the event loop share one listing, made after all of them asked.
 */
export class ProcessTable {
  private readonly root: string;
  private readonly read: (file: string) => Buffer;
  /** The marked process, or null for one without markers (or not ours to read). */
  private readonly known = new Map<number, MarkedProcess | null>();
  /** The listing the callers of this turn wait for; it starts once the turn is over. */
  private next: Promise<MarkedProcess[]> | undefined;

  constructor(options: ProcessTableOptions = {}) {
    this.root = options.root ?? "/proc";
    this.read = options.readFile ?? ((file) => readFileSync(file));
  }

  /** Lists the processes again (after this call), reads the new ones, and returns the marked ones. */
  refresh(): Promise<MarkedProcess[]> {
    this.next ??= new Promise((resolve) =>
      setImmediate(() => {
        this.next = undefined;
        resolve(this.list());
      }),
    );
    return this.next;
  }

  /** The marked processes whose markers are those given; a key given as undefined matches nothing. */
  async find(match: Partial<Markers>): Promise<MarkedProcess[]> {
    const wanted = Object.entries(match) as [keyof Markers, string | undefined][];
    return (await this.refresh()).filter((found) =>
      wanted.every(([field, value]) => found.markers[field] === value),
    );
  }

  /**
   * Signals each process that is still the one described (same start time, same markers); returns how many were
   * signalled. One that is gone, or that another process has replaced under its pid, is skipped.
   */
  async kill(processes: readonly MarkedProcess[], signal: NodeJS.Signals = "SIGKILL"): Promise<number> {
    let signalled = 0;
    for (const target of processes) {
      const now = await this.readSettled(target.pid);
      if (
        now === undefined ||
        now.startTime !== target.startTime ||
        !sameMarkers(now.markers, target.markers)
      ) {
        // Read afresh at the next listing: a newcomer under the pid, or a zombie (its environment reads empty), is
        // then no longer reported as the process it replaced.
        this.known.delete(target.pid);
        continue;
      }
      try {
        process.kill(target.pid, signal);
        signalled++;
        // Until its parent reaps it, a killed process stays listed as a zombie: read it afresh next time.
        this.known.delete(target.pid);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ESRCH" && code !== "EPERM") throw error;
      }
    }
    return signalled;
  }

  private async list(): Promise<MarkedProcess[]> {
    const listed = new Set<number>();
    for (const name of readdirSync(this.root)) {
      const pid = Number(name);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) listed.add(pid);
    }
    for (const pid of this.known.keys()) if (!listed.has(pid)) this.known.delete(pid);

    const marked: MarkedProcess[] = [];
    let uptime: number | undefined | null = null;
    for (const pid of listed) {
      let entry = this.known.get(pid);
      if (entry === undefined) {
        const first = this.readProcess(pid);
        const now = first?.inExec ? await this.readSettled(pid, first) : first;
        if (now === undefined) continue;
        if (uptime === null) uptime = this.uptime();
        entry = now.markers ? { pid, startTime: now.startTime, markers: now.markers } : null;
        const age = (uptime ?? Number.POSITIVE_INFINITY) - now.startTime / TICKS_PER_SECOND;
        if (entry || age >= SETTLED_AFTER_SECONDS) this.known.set(pid, entry);
      }
      if (entry) marked.push(entry);
    }
    return marked;
  }

  /** The process read until it is out of execve (or a few tries have passed). */
  private async readSettled(pid: number, first = this.readProcess(pid)): Promise<Reading | undefined> {
    let now = first;
    for (let tries = 0; now?.inExec && tries < EXEC_REREADS; tries++) {
      await new Promise((resolve) => setTimeout(resolve, EXEC_REREAD_MS));
      now = this.readProcess(pid);
    }
    return now;
  }

  /** Its start time and markers; undefined if it is gone (or its stat cannot be read, so it is tried again later). */
  private readProcess(pid: number): Reading | undefined {
    const dir = path.join(this.root, String(pid));
    let stat: ReturnType<typeof parseStat>;
    try {
      stat = parseStat(this.read(path.join(dir, "stat")).toString("latin1"));
    } catch {
      return undefined;
    }
    if (stat === undefined) return undefined;
    const { startTime, zombie } = stat;
    try {
      const environ = this.read(path.join(dir, "environ"));
      return { startTime, markers: parseMarkers(environ), inExec: environ.length === 0 && !zombie };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another user's process, or a kernel thread (it has no environment: ESRCH): neither will become readable, so
      // it is known as one without markers. Otherwise each listing would read it again.
      if (code === "EACCES" || code === "EPERM" || code === "ESRCH")
        return { startTime, markers: undefined, inExec: false };
      return undefined;
    }
  }

  /** Seconds since boot, or undefined where the proc root has no uptime (then every process counts as settled). */
  private uptime(): number | undefined {
    try {
      const seconds = Number.parseFloat(this.read(path.join(this.root, "uptime")).toString("latin1"));
      return Number.isFinite(seconds) ? seconds : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Fields 3 (its state) and 22 (its start time) of /proc/<pid>/stat. */
function parseStat(stat: string): { startTime: number; zombie: boolean } | undefined {
  // The command name, field 2, is in parentheses and may hold spaces and parentheses itself: the fixed fields
  // follow its last closing parenthesis, from field 3 on.
  const close = stat.lastIndexOf(")");
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(" ");
  const startTime = Number(fields[22 - 3]);
  return Number.isSafeInteger(startTime) ? { startTime, zombie: fields[0] === "Z" } : undefined;
}

/** The four markers from a NUL-separated environment, or undefined unless all four are there and not empty. */
function parseMarkers(environ: Buffer): Markers | undefined {
  const found: Partial<Markers> = {};
  for (const variable of environ.toString("utf8").split("\0")) {
    const equals = variable.indexOf("=");
    const field = equals > 0 ? VARIABLE_FIELDS.get(variable.slice(0, equals)) : undefined;
    // The first of two same-named variables is the one getenv returns.
    if (field && found[field] === undefined) found[field] = variable.slice(equals + 1);
  }
  const { installation, worker, job, run } = found;
  return installation && worker && job && run ? { installation, worker, job, run } : undefined;
}

function sameMarkers(a: Readonly<Markers> | undefined, b: Readonly<Markers>): boolean {
  return (
    a !== undefined &&
    a.installation === b.installation &&
    a.worker === b.worker &&
    a.job === b.job &&
    a.run === b.run
  );
}
