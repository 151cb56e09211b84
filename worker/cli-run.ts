import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { asProcessEnv } from "@/lib/process-env";
import { signalProcessGroup } from "./process-tree";

export interface CliRunOptions {
  bin: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** What the CLI reads on stdin (stream-json lines: the prompt), after which stdin is closed unless kept open. */
  input: string;
  /** An interactive run: stdin stays open for answers and messages, written through the controls. */
  keepInputOpen?: boolean;
  /** Called once the CLI is spawned, with what the caller may do to it while it runs. */
  onStarted?: (controls: CliControls) => void;
  /** stderr is appended here as it comes; the file is made only when there is some. */
  stderrPath: string;
  /** Called with each stdout line, in order. */
  onLine: (line: string) => void;
  /** True for the line after which the CLI has nothing more to say (its `result`). */
  isFinalLine: (line: string) => boolean;
  /**
   * Kills what the run left behind once the CLI has exited (Bash-tool commands run in sessions of their own and
   * outlive its group); returns how many processes it killed.
   */
  killLeftovers: () => Promise<number>;
  /** Called once when stderr.log cannot be written; the run goes on, the caller decides whether to stop it. */
  onWriteError: (error: NodeJS.ErrnoException, file: string) => void;
  timeoutMs: number;
  /** Stops the CLI when it prints nothing, on stdout or stderr, for this long (hung). */
  idleTimeoutMs: number;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs: number;
  /** How long the CLI may linger after its final line before it is stopped (the result is kept). */
  exitGraceMs: number;
  /** Aborting stops the run (a cancel, or the worker shutting down). */
  signal?: AbortSignal;
}

export type StopReason = "timeout" | "idle" | "aborted" | "lingered";

/** What an interactive run's host does while the CLI runs. */
export interface CliControls {
  /** Writes stream-json lines to the CLI's stdin; false once it is closed (the run is ending). */
  write: (text: string) => boolean;
  /** Closes stdin: the CLI ends once its turn is over. */
  endInput: () => void;
  /** While held, silence is not idleness (a person is being asked); the wall clock still runs. */
  holdIdle: (held: boolean) => void;
}

export interface CliRunReport {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the CLI could not be started at all (ENOENT, EACCES, …). */
  spawnError?: { code: string; message: string };
  /** Set when the supervisor stopped the CLI, and why. */
  stoppedBy?: StopReason;
  /** Processes still carrying the job's marker after the CLI ended, killed by the sweep. */
  survivorsKilled: number;
  /** The last few KB of stderr, for diagnosis. */
  stderrTail: string;
}

const STDERR_TAIL_BYTES = 4096;

/** Runs the CLI in a process group of its own and supervises it until it and everything it started are gone. */
export function runCli(options: CliRunOptions): Promise<CliRunReport> {
  return new Promise((resolve) => {
    let child: ChildProcessByStdio<Writable, Readable, Readable>;
    try {
      child = spawn(options.bin, options.args, {
        cwd: options.cwd,
        env: asProcessEnv(options.env),
        // stdin is closed once written: an open, silent stdin makes the CLI wait for more.
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      });
    } catch (error) {
      // Arguments spawn refuses outright (ERR_INVALID_ARG_VALUE, say): no process, and retrying cannot help.
      const failure = error as NodeJS.ErrnoException;
      resolve({
        exitCode: null,
        signal: null,
        spawnError: { code: failure.code ?? "UNKNOWN", message: failure.message },
        survivorsKilled: 0,
        stderrTail: "",
      });
      return;
    }
    // A CLI that exits before reading it all (one that cannot start) closes the pipe: that is its exit's to tell.
    child.stdin.on("error", () => {});
    if (options.keepInputOpen) child.stdin.write(options.input);
    else child.stdin.end(options.input);
    // Opened on the first byte: most runs write nothing to stderr, and a file per run costs two trips to the disk.
    let stderrFile: WriteStream | undefined;
    let stderrFailed = false;
    const openStderrFile = () => {
      const file = createWriteStream(options.stderrPath, { flags: "a" });
      file.on("error", (error: NodeJS.ErrnoException) => {
        if (stderrFailed) return;
        stderrFailed = true;
        options.onWriteError(error, options.stderrPath);
      });
      return file;
    };
    let stderrTail = "";
    let stoppedBy: StopReason | undefined;
    const timers: NodeJS.Timeout[] = [];

    const stop = (reason: StopReason) => {
      if (stoppedBy || child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
        return;
      stoppedBy = reason;
      signalProcessGroup(child.pid, "SIGTERM");
      timers.push(
        setTimeout(() => child.pid && signalProcessGroup(child.pid, "SIGKILL"), options.killGraceMs),
      );
    };

    const onAbort = () => stop("aborted");
    if (options.signal?.aborted) queueMicrotask(onAbort);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    timers.push(setTimeout(() => stop("timeout"), options.timeoutMs));
    let idleTimer = setTimeout(() => stop("idle"), options.idleTimeoutMs);
    let idleHeld = false;
    const active = () => {
      clearTimeout(idleTimer);
      if (!idleHeld) idleTimer = setTimeout(() => stop("idle"), options.idleTimeoutMs);
    };
    options.onStarted?.({
      write: (text) => {
        if (!child.stdin.writable) return false;
        child.stdin.write(text);
        return true;
      },
      endInput: () => {
        if (child.stdin.writable) child.stdin.end();
      },
      holdIdle: (held) => {
        idleHeld = held;
        active();
      },
    });

    const stdoutClosed = new Promise<void>((done) => {
      const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
      lines.on("line", (line) => {
        active();
        options.onLine(line);
        if (options.isFinalLine(line)) timers.push(setTimeout(() => stop("lingered"), options.exitGraceMs));
      });
      lines.on("close", done);
    });

    child.stderr.on("data", (chunk: Buffer) => {
      active();
      if (!stderrFailed) {
        stderrFile ??= openStderrFile();
        stderrFile.write(chunk);
      }
      stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    const stderrClosed = new Promise<void>((done) => child.stderr.once("close", done));

    let spawnError: CliRunReport["spawnError"];
    const finish = async (exitCode: number | null, signal: NodeJS.Signals | null) => {
      for (const timer of [...timers, idleTimer]) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      // Bash-tool commands run in sessions of their own and outlive the CLI's group: sweep them by marker.
      // Only then can stdout close, since such a command may hold the pipe open.
      const survivorsKilled = await options.killLeftovers().catch(() => 0);
      await Promise.all([stdoutClosed, stderrClosed]);
      // A failed write was reported through onWriteError already.
      if (stderrFile) {
        stderrFile.end();
        await finished(stderrFile).catch(() => {});
      }
      resolve({ exitCode, signal, spawnError, stoppedBy, survivorsKilled, stderrTail });
    };
    child.once("error", (error: NodeJS.ErrnoException) => {
      spawnError = { code: error.code ?? "UNKNOWN", message: error.message };
      // No process was made, so no "exit" will follow.
      if (child.pid === undefined) void finish(null, null);
    });
    child.once("exit", (exitCode, signal) => void finish(exitCode, signal));
  });
}
