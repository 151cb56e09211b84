import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Markers, markerEnvironment } from "./process-markers";
import { ProcessTable } from "./process-table";

// A proc root of files: each pid a folder with its stat (start time in field 22) and its environ.
let root: string;
let reads: string[];
const markers = (run: string): Markers => ({ installation: "i", worker: "w", job: "j", run });
const stat = (pid: number, startTime: number) =>
  `${pid} (some (odd) name) S ${Array.from({ length: 18 }, () => "0").join(" ")} ${startTime} 0 0`;
function addProcess(pid: number, startTime: number, environ: Record<string, string> | "none"): void {
  mkdirSync(path.join(root, String(pid)), { recursive: true });
  writeFileSync(path.join(root, String(pid), "stat"), stat(pid, startTime));
  if (environ !== "none")
    writeFileSync(
      path.join(root, String(pid), "environ"),
      Object.entries(environ)
        .map(([name, value]) => `${name}=${value}\0`)
        .join(""),
    );
}
const table = () =>
  new ProcessTable({
    root,
    readFile: (file) => {
      reads.push(path.relative(root, file));
      // A kernel thread's environ cannot be opened: the kernel answers ESRCH.
      if (file.endsWith("environ") && file.includes("/2/"))
        throw Object.assign(new Error("no such process"), { code: "ESRCH" });
      return readFileSync(file);
    },
  });

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "proc-"));
  writeFileSync(path.join(root, "uptime"), "1000.00 2000.00");
  reads = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("ProcessTable", () => {
  it("finds the processes that carry all four markers, and no others", async () => {
    addProcess(10, 100, markerEnvironment(markers("r1")));
    addProcess(11, 100, { PATH: "/bin", CCW_JOB_ID: "j" });
    addProcess(2, 1, "none");
    const found = await table().refresh();
    expect(found).toEqual([{ pid: 10, startTime: 100, markers: markers("r1") }]);
  });

  it("reads each process once, kernel threads too, and only new pids after that", async () => {
    addProcess(10, 100, markerEnvironment(markers("r1")));
    addProcess(11, 100, { PATH: "/bin" });
    addProcess(2, 1, "none");
    const processes = table();
    await processes.refresh();
    reads = [];
    addProcess(12, 100, markerEnvironment(markers("r2")));
    const found = await processes.find({ run: "r2" });
    expect(found.map((process) => process.pid)).toEqual([12]);
    expect(reads.filter((file) => file !== "uptime")).toEqual(["12/stat", "12/environ"]);
  });

  it("makes one listing for the callers of one turn, after the last of them asked", async () => {
    const processes = table();
    await processes.refresh();
    reads = [];
    const first = processes.find({ run: "r5" });
    // Started after the first call, before the turn ends: the shared listing must see it.
    addProcess(14, 100, markerEnvironment(markers("r5")));
    const second = processes.find({ run: "r5" });
    expect((await first).map((process) => process.pid)).toEqual([14]);
    expect((await second).map((process) => process.pid)).toEqual([14]);
    expect(reads.filter((file) => file !== "uptime")).toEqual(["14/stat", "14/environ"]);
  });

  it("reads a process caught inside execve (its environment empty) again, and finds its markers", async () => {
    addProcess(15, 100, markerEnvironment(markers("r6")));
    let environReads = 0;
    const processes = new ProcessTable({
      root,
      readFile: (file) => {
        if (file.endsWith("15/environ") && environReads++ < 2) return Buffer.alloc(0);
        return readFileSync(file);
      },
    });
    expect((await processes.find({ run: "r6" })).map((process) => process.pid)).toEqual([15]);
    expect(environReads).toBe(3);
  });

  it("reads an unmarked process again while it is young: between fork and exec it shows its parent's environment", async () => {
    addProcess(13, 99_950, { PATH: "/bin" });
    const processes = table();
    expect(await processes.refresh()).toEqual([]);
    addProcess(13, 99_950, markerEnvironment(markers("r3")));
    expect((await processes.refresh()).map((process) => process.pid)).toEqual([13]);
  });

  it("forgets a pid that is gone, and signals nothing that has replaced a process under its pid", async () => {
    addProcess(process.pid + 100_000, 100, markerEnvironment(markers("r4")));
    const processes = table();
    const [target] = await processes.refresh();
    rmSync(path.join(root, String(process.pid + 100_000)), { recursive: true });
    addProcess(process.pid + 100_000, 200, markerEnvironment(markers("r4")));
    expect(await processes.kill([target as NonNullable<typeof target>])).toBe(0);
    expect(await processes.refresh()).toEqual([
      { pid: process.pid + 100_000, startTime: 200, markers: markers("r4") },
    ]);
  });
});
