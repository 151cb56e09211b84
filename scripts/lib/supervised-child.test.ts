import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChildExit } from "./exit-reason";
import { type ChildRun, SupervisedChild } from "./supervised-child";

/** A stand-in for one start of a child: the test ends it, or says it is up. */
function fakeRun(pid: number) {
  let exit: (value: ChildExit) => void = () => {};
  let up: () => void = () => {};
  const run: ChildRun & { stopped: boolean } = {
    pid,
    exited: new Promise((resolve) => {
      exit = resolve;
    }),
    ready: new Promise((resolve) => {
      up = resolve;
    }),
    lastLines: () => ["TypeError: boom"],
    stopped: false,
    stop: async () => {
      run.stopped = true;
      exit({ code: null, signal: "SIGTERM" });
    },
  };
  return { run, exit, up };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("SupervisedChild", () => {
  it("starts a child that died again after 1 s, then 2 s, and says it runs once it is up", async () => {
    const runs = [fakeRun(1), fakeRun(2), fakeRun(3)];
    const exits: [number | undefined, string][] = [];
    const child = new SupervisedChild({
      name: "worker",
      start: async () => (runs.shift() as (typeof runs)[number]).run,
      onChange: () => {},
      onExit: (pid, reason) => exits.push([pid, reason]),
    });
    const [first, second, third] = [...runs] as [
      ReturnType<typeof fakeRun>,
      ReturnType<typeof fakeRun>,
      ReturnType<typeof fakeRun>,
    ];
    await child.start();
    first.exit({ code: 1, signal: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(child.status).toMatchObject({
      state: "restarting",
      attempt: 1,
      lastExit: { reason: "exit code 1: TypeError: boom" },
    });
    expect(exits).toEqual([[1, "exit code 1: TypeError: boom"]]);

    await vi.advanceTimersByTimeAsync(1000);
    expect(child.pid).toBe(2);
    expect(child.status.state).toBe("restarting");
    second.up();
    await vi.advanceTimersByTimeAsync(0);
    expect(child.status).toMatchObject({ state: "running", attempt: 1 });

    second.exit({ code: null, signal: "SIGKILL" });
    await vi.advanceTimersByTimeAsync(1999);
    expect(child.pid).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(child.pid).toBe(3);
    expect(child.status.attempt).toBe(2);
    third.up();
    await child.stop();
    expect(third.run.stopped).toBe(true);
  });

  it("retries a start that throws, and a stop during a restart leaves no child started", async () => {
    let starts = 0;
    let release: (run: ChildRun) => void = () => {};
    const late = fakeRun(9);
    const child = new SupervisedChild({
      name: "redis-server",
      start: () => {
        starts++;
        if (starts === 1) {
          const { run, exit } = fakeRun(1);
          setTimeout(() => exit({ code: 1, signal: null }), 10);
          return Promise.resolve(run);
        }
        if (starts === 2) return Promise.reject(new Error("port in use\nmore"));
        return new Promise((resolve) => {
          release = resolve;
        });
      },
      onChange: () => {},
    });
    await child.start();
    await vi.advanceTimersByTimeAsync(10 + 1000);
    expect(child.status).toMatchObject({
      state: "restarting",
      attempt: 2,
      lastExit: { reason: "it could not start: port in use" },
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(starts).toBe(3);
    const stopping = child.stop();
    release(late.run);
    await stopping;
    expect(late.run.stopped).toBe(true);
  });
});
