import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findProcessesWithEnv } from "../worker/process-tree";
import { launch } from "./launch";

test("npm start's launcher serves the dashboard, and Ctrl-C leaves no redis-server, node or claude behind", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-launcher-"));
  const port = 3101;
  const launcher = launch({ PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_GRACE_SECONDS: "1" });
  await expect.poll(launcher.output, { timeout: 90_000 }).toContain(`is running: http://127.0.0.1:${port}`);

  const base = `http://127.0.0.1:${port}`;
  const done = await (await request.post(`${base}/api/jobs`, { data: { prompt: "file:kept.txt" } })).json();
  const hanging = await (
    await request.post(`${base}/api/jobs`, { data: { prompt: "scenario:hang" } })
  ).json();
  await expect
    .poll(async () =>
      (await (await request.get(`${base}/api/jobs/${done.id}`)).json()).files?.map(
        (f: { path: string }) => f.path,
      ),
    )
    .toEqual(["kept.txt"]);
  await expect
    .poll(async () => (await (await request.get(`${base}/api/jobs/${hanging.id}`)).json()).state)
    .toBe("active");
  expect(await findProcessesWithEnv("CCW_JOB_ID", hanging.id)).not.toEqual([]);

  launcher.child.kill("SIGINT");
  expect(await launcher.exited).toBe(0);
  expect(launcher.output()).toContain("Stopped.");
  // Every process the launcher started inherited DATA_DIR; every process of a job carries its marker.
  expect(await findProcessesWithEnv("DATA_DIR", dataDir)).toEqual([]);
  expect(await findProcessesWithEnv("CCW_JOB_ID", hanging.id)).toEqual([]);
});

test("the launcher refuses to expose the dashboard beyond this machine, and says what to do", async () => {
  const launcher = launch({
    HOST: "0.0.0.0",
    PORT: "3102",
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ccw-host-")),
  });
  expect(await launcher.exited).toBe(1);
  expect(launcher.output()).toContain(
    'HOST="0.0.0.0": a HOST other than 127.0.0.1 lets other machines reach',
  );
  expect(launcher.output()).toContain("set DASHBOARD_PASSWORD (12+ characters)");
  expect(launcher.output()).toContain("HOST=127.0.0.1");
});

test("the launcher names a bad setting and what it expects", async () => {
  const launcher = launch({ PORT: "eighty", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ccw-port-")) });
  expect(await launcher.exited).toBe(1);
  expect(launcher.output()).toContain('PORT="eighty": PORT must be a whole number from 1 to 65535');
});

/** The pid of the redis-server listening on `port`: it renames itself after its address. */
function redisPid(port: string): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(`redis-server 127.0.0.1:${port}`))
        return Number(entry);
    } catch {}
  }
  return undefined;
}

test("a worker or Redis killed with -9 is started again: the dashboard stays up, says so, and the job completes", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-supervised-"));
  const port = 3104;
  const base = `http://127.0.0.1:${port}`;
  const launcher = launch({ PORT: String(port), DATA_DIR: dataDir, LOCK_SECONDS: "3" });
  let redisPort = "";
  try {
    await expect.poll(launcher.output, { timeout: 90_000 }).toContain(`is running: ${base}`);
    const status = async () => (await request.get(`${base}/api/status`)).json();
    const job = async (id: string) => (await request.get(`${base}/api/jobs/${id}`)).json();
    const { id } = await (
      await request.post(`${base}/api/jobs`, { data: { prompt: "scenario:slow turns:6 file:survived.txt" } })
    ).json();
    await expect.poll(async () => (await job(id)).state).toBe("active");
    const [{ pid: workerPid }] = (await status()).workers;
    const cli = await findProcessesWithEnv("CCW_JOB_ID", id);
    expect(cli).not.toEqual([]);

    process.kill(workerPid, "SIGKILL");
    await expect.poll(async () => (await status()).launcher?.worker.state).toBe("restarting");
    await page.goto(base);
    await expect(page.getByTestId("health-banner")).toContainText(
      "The worker is restarting (attempt 1): it stopped (killed by SIGKILL",
    );
    await page.screenshot({ path: "test-results/worker-restarting.png" });
    // The launcher stops what the dead worker's job left running, at once.
    await expect.poll(() => cli.filter((pid) => existsSync(`/proc/${pid}`)), { timeout: 10_000 }).toEqual([]);
    await expect(page.getByTestId("health-banner")).not.toContainText("restarting", { timeout: 30_000 });
    await expect.poll(async () => (await job(id)).state, { timeout: 60_000 }).toBe("completed");
    const done = await job(id);
    expect(done.result).toMatchObject({ outcome: "completed", attempt: 2 });
    expect(done.files.map((file: { path: string }) => file.path)).toContain("survived.txt");
    expect((await status()).workers.map((worker: { pid: number }) => worker.pid)).not.toContain(workerPid);

    redisPort = /\[redis\] running at redis:\/\/127\.0\.0\.1:(\d+)/.exec(launcher.output())?.[1] ?? "";
    process.kill(redisPid(redisPort) as number, "SIGKILL");
    await expect
      .poll(async () => (await request.get(`${base}/api/status`)).status(), { timeout: 10_000 })
      .toBe(200);
    await expect.poll(async () => (await status()).redis.ok, { timeout: 30_000 }).toBe(true);
    // Its append-only file kept the finished job; a new one runs.
    expect((await job(id)).state).toBe("completed");
    const after = await (
      await request.post(`${base}/api/jobs`, { data: { prompt: "file:after-redis.txt" } })
    ).json();
    await expect.poll(async () => (await job(after.id)).state, { timeout: 30_000 }).toBe("completed");
    expect(launcher.output()).toMatch(/redis-server stopped unexpectedly \(killed by SIGKILL/);
    expect(launcher.output()).toMatch(/launcher: stopped \d+ process\(es\) left by the dead worker's jobs/);
  } finally {
    launcher.child.kill("SIGINT");
    expect(await launcher.exited).toBe(0);
  }
  expect(await findProcessesWithEnv("DATA_DIR", dataDir)).toEqual([]);
  expect(redisPid(redisPort)).toBeUndefined();
});
