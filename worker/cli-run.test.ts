import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CliRunOptions, runCli } from "./cli-run";
import { markerEnvironment } from "./process-markers";
import { ProcessTable } from "./process-table";

const dir = mkdtempSync(path.join(os.tmpdir(), "ccw-run-"));
const table = new ProcessTable();
const processesOf = (run: string) => table.find({ run });

function options(run: string, script: string, overrides: Partial<CliRunOptions> = {}): CliRunOptions {
  return {
    bin: "/bin/sh",
    args: ["-c", script],
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      ...markerEnvironment({ installation: "test", worker: "test-worker", job: "job", run }),
    },
    input: "",
    stderrPath: path.join(dir, `${run}.stderr`),
    onLine: () => {},
    isFinalLine: (line) => line.includes('"type":"result"'),
    killLeftovers: async () => table.kill(await processesOf(run)),
    onWriteError: () => {},
    timeoutMs: 10_000,
    idleTimeoutMs: 10_000,
    killGraceMs: 500,
    exitGraceMs: 10_000,
    ...overrides,
  };
}

describe("runCli", () => {
  it("passes stdout lines in order and keeps stderr in its file and tail", async () => {
    const lines: string[] = [];
    const report = await runCli(
      options("lines", "echo one; echo two >&2; printf 'two\\nthree'; exit 3", {
        onLine: (line) => lines.push(line),
      }),
    );
    expect(lines).toEqual(["one", "two", "three"]);
    expect(report).toMatchObject({ exitCode: 3, signal: null, stoppedBy: undefined });
    expect(report.stderrTail).toBe("two\n");
    expect(readFileSync(path.join(dir, "lines.stderr"), "utf8")).toBe("two\n");
  });

  it("gives the CLI its input on stdin, then closes it, so it never waits for more", async () => {
    const lines: string[] = [];
    await runCli(
      options("stdin", "cat; echo done", { input: '{"type":"user"}\n', onLine: (line) => lines.push(line) }),
    );
    expect(lines).toEqual(['{"type":"user"}', "done"]);
  });

  it("lets a CLI that never reads its input end as it would", async () => {
    const report = await runCli(options("unread", "exit 4", { input: "x".repeat(1024 * 1024) }));
    expect(report).toMatchObject({ exitCode: 4, spawnError: undefined });
  });

  it("reports a missing binary as a spawn error", async () => {
    const report = await runCli(options("missing", "", { bin: path.join(dir, "no-such-claude") }));
    expect(report.spawnError?.code).toBe("ENOENT");
  });

  it("reports arguments spawn refuses (a NUL byte) as a spawn error, with no process", async () => {
    const report = await runCli(options("nul", "echo \0"));
    expect(report.spawnError?.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(report.exitCode).toBeNull();
  });

  it("reports a stderr file it cannot write, and still runs the CLI to its end", async () => {
    const failures: string[] = [];
    const report = await runCli(
      options("unwritable", "echo out; echo err >&2; exit 0", {
        stderrPath: path.join(dir, "no-such-folder", "stderr.log"),
        onWriteError: (error) => failures.push(error.code ?? ""),
      }),
    );
    expect(failures).toEqual(["ENOENT"]);
    expect(report.exitCode).toBe(0);
  });

  it("stops a run at its timeout, with a process that ignores SIGTERM killed after the grace", async () => {
    const started = Date.now();
    const report = await runCli(
      options("timeout", "trap '' TERM; sleep 30", { timeoutMs: 300, killGraceMs: 300 }),
    );
    expect(report.stoppedBy).toBe("timeout");
    expect(report.signal).toBe("SIGKILL");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("kills what the run started in a session of its own, as the CLI's Bash tool does", async () => {
    const report = await runCli(
      options("orphans", "setsid sleep 300 & sleep 300 & echo started; wait", { timeoutMs: 500 }),
    );
    expect(report.stoppedBy).toBe("timeout");
    expect(await processesOf("orphans")).toEqual([]);
  });

  it("sweeps leftovers even after a normal exit", async () => {
    const report = await runCli(options("leftover", "setsid sleep 300 & exit 0"));
    expect(report.exitCode).toBe(0);
    expect(report.survivorsKilled).toBeGreaterThanOrEqual(1);
    expect(await processesOf("leftover")).toEqual([]);
  });

  it("stops a CLI that lingers after its result line", async () => {
    const report = await runCli(
      options("linger", `echo '{"type":"result"}'; sleep 30`, { exitGraceMs: 200 }),
    );
    expect(report.stoppedBy).toBe("lingered");
  });

  it("stops a CLI that goes silent for its idle timeout, while output keeps it alive", async () => {
    const lines: string[] = [];
    const report = await runCli(
      options("idle", "for i in 1 2 3 4; do echo tick; sleep 0.2; done; sleep 30", {
        idleTimeoutMs: 600,
        onLine: (line) => lines.push(line),
      }),
    );
    expect(report.stoppedBy).toBe("idle");
    // Four ticks 0.2 s apart never left it silent for 0.6 s.
    expect(lines).toEqual(["tick", "tick", "tick", "tick"]);
  });

  it("stops when aborted", async () => {
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(), 200);
    const report = await runCli(options("abort", "sleep 30", { signal: aborter.signal }));
    expect(report.stoppedBy).toBe("aborted");
  });
});
