import { mkdtempSync } from "node:fs";
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
