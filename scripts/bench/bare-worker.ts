// The bare baseline's worker, its own process as ours is: a BullMQ Worker that spawns the CLI for each job, reads its
// output lines and waits for it to exit. Nothing else: no folder, no log stream, no supervision.
// Usage: bare-worker.ts <redis url> <queue> <prefix> <concurrency> <cli>
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Worker } from "bullmq";

const [url, queue, prefix, concurrency, cli] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const worker = new Worker(
  queue,
  (job) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(cli, ["-p", "--output-format", "stream-json", "--verbose", "--", job.data.prompt], {
        env: { ...process.env, CCW_JOB_ID: job.id as string },
        stdio: ["ignore", "pipe", "ignore"],
      });
      let lines = 0;
      createInterface({ input: child.stdout }).on("line", () => {
        lines++;
      });
      child.once("error", reject);
      child.once("close", () => resolve(lines));
    }),
  { connection: { url }, prefix, concurrency: Number(concurrency) },
);
await worker.waitUntilReady();
console.log("bare-worker: ready");
process.once("SIGTERM", () => void worker.close().then(() => process.exit(0)));
