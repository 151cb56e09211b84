import { spawnSync } from "node:child_process";
import { constants, openSync } from "node:fs";
import net from "node:net";
import { createInterface } from "node:readline";

/**
 * Hears each bench CLI start: the script writes its job id to a FIFO as its first act, and this notes the time the
 * line arrives. Both sides' CLIs write the same way, so what it adds weighs on both alike.
 */
export function openStartTracker(fifo: string) {
  const made = spawnSync("mkfifo", [fifo]);
  if (made.status !== 0) throw new Error(`mkfifo ${fifo} failed: ${made.stderr}`);
  // Opened for reading and writing, it never reaches end-of-file between writers.
  const socket = new net.Socket({
    fd: openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK),
    readable: true,
  });
  const started = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  createInterface({ input: socket }).on("line", (id) => {
    const at = performance.now();
    started.set(id, at);
    waiting.get(id)?.(at);
    waiting.delete(id);
  });
  return {
    /** When the job's CLI started, on this process's performance clock. */
    startOf(id: string): Promise<number> {
      const at = started.get(id);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    forget(): void {
      started.clear();
    },
    close(): void {
      socket.destroy();
    },
  };
}
export type StartTracker = ReturnType<typeof openStartTracker>;
