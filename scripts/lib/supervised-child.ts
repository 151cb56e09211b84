import type { SupervisedChildStatus } from "@/lib/launcher-status";
import { type ChildExit, describeExit } from "./exit-reason";
import { nextRestartAttempt, restartDelayMs } from "./restart-backoff";

/** One start of a supervised child. */
export interface ChildRun {
  pid: number | undefined;
  exited: Promise<ChildExit>;
  /** The last lines it printed: why it ended, when it says. */
  lastLines(): readonly string[];
  /** Resolves once it is up (a worker ready to take jobs), which may be a while after it started. */
  ready: Promise<void>;
  /** Stops it for good and waits until it has. */
  stop(): Promise<void>;
}

export interface SupervisedChildOptions {
  name: string;
  /** Starts the child once; a start that throws counts as an exit and is tried again later. */
  start: () => Promise<ChildRun>;
  /** Told of every change, to be written where the dashboard reads it. */
  onChange: () => void;
  /** Told when the child ended unexpectedly, with the pid it had and why. */
  onExit?: (pid: number | undefined, reason: string) => void;
}

/**
 * A child the launcher keeps running: when it ends unexpectedly it is started again after 1 s, then 2, 4… up to
 * 30 s while it keeps ending soon after its start, so one dead worker or Redis never takes the dashboard down.
 */
export class SupervisedChild {
  status: SupervisedChildStatus = { state: "running", attempt: 0, lastExit: null, restartAt: null };
  private run: ChildRun | undefined;
  /** A restart under way: stopping waits for it, so no child is left behind started. */
  private starting: Promise<ChildRun | undefined> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly options: SupervisedChildOptions) {}

  get pid(): number | undefined {
    return this.run?.pid;
  }

  /** The first start; its failure is the caller's to report (a missing redis-server, say). */
  async start(): Promise<void> {
    const starting = this.options.start();
    this.starting = starting.catch(() => undefined);
    try {
      const run = await starting;
      // Stopped meanwhile: `stop` has the run from `starting`, and stops it.
      if (!this.stopping) this.watch(run, Date.now());
    } finally {
      this.starting = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const run = this.run ?? (await this.starting);
    await run?.stop();
  }

  private watch(run: ChildRun, startedAt: number): void {
    this.run = run;
    void run.exited.then((exit) => {
      if (this.stopping) return;
      this.ended(describeExit(exit, run.lastLines()), run.pid, Date.now() - startedAt);
    });
  }

  private ended(reason: string, pid: number | undefined, ranForMs: number): void {
    this.run = undefined;
    const attempt = nextRestartAttempt(this.status.attempt, ranForMs);
    const delay = restartDelayMs(attempt);
    console.error(
      `\n${this.options.name} stopped unexpectedly (${reason}); starting it again in ${delay / 1000}s (attempt ${attempt}).`,
    );
    this.status = {
      state: "restarting",
      attempt,
      lastExit: { reason, at: Date.now() },
      restartAt: Date.now() + delay,
    };
    this.options.onExit?.(pid, reason);
    this.options.onChange();
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const startedAt = Date.now();
    const starting = this.options.start();
    this.starting = starting.catch(() => undefined);
    let run: ChildRun;
    try {
      run = await starting;
    } catch (error) {
      if (!this.stopping)
        this.ended(`it could not start: ${(error as Error).message.split("\n")[0]}`, undefined, 0);
      return;
    } finally {
      this.starting = undefined;
    }
    if (this.stopping) return;
    this.watch(run, startedAt);
    await Promise.race([run.ready, run.exited]);
    // Ended before it was up: `watch` has counted that as another stop.
    if (this.run !== run || this.stopping) return;
    this.status = { ...this.status, state: "running", restartAt: null };
    this.options.onChange();
  }
}
