import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const dashboard = new URL(`http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`);

/** Runs the terminal client against `url`, as a script would: its output, and its exit code. */
function ccw(
  url: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/ccw.mjs"), ...args], {
      env: { ...process.env, CCW_URL: url, CCW_TOKEN: "", XDG_CONFIG_HOME: "/nonexistent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A TCP proxy to the dashboard that cuts every connection a second after it opens: a flaky network. */
async function cuttingProxy(): Promise<{ url: string; close: () => Promise<void>; cuts: () => number }> {
  let cuts = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(dashboard.port), dashboard.hostname);
    client.pipe(upstream).pipe(client);
    const cut = setTimeout(() => {
      cuts += 1;
      client.destroy();
      upstream.destroy();
    }, 1000);
    const end = () => clearTimeout(cut);
    client.once("close", end);
    upstream.once("error", () => client.destroy());
    client.once("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cuts: () => cuts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test("ccw submits, follows and reads jobs; its exit code is the job's outcome", async () => {
  const url = dashboard.origin;
  const done = await ccw(
    url,
    "submit",
    "Write file:from-terminal.txt",
    "--title",
    "From the terminal",
    "--follow",
  );
  expect(done.code).toBe(0);
  expect(done.stdout).toContain("→ Write");
  expect(done.stdout).toMatch(/completed in .*: [0-9a-z]+\n$/);

  const failed = await ccw(url, "submit", "scenario:fail", "--follow");
  expect(failed.code).toBe(1);
  expect(failed.stdout).toMatch(/failed.*: The API/);

  const id = (await ccw(url, "submit", "Later", "--title", "Terminal later", "--delay", "3600", "--json"))
    .stdout;
  const { id: later } = JSON.parse(id) as { id: string };
  const listed = await ccw(url, "list", "--search", "Terminal later");
  expect(listed.stdout).toContain(later);
  expect((await ccw(url, "cancel", later)).stdout).toBe(`cancelled ${later}\n`);
  expect((await ccw(url, "show", later, "--json")).stdout).toContain('"state": "cancelled"');
  expect((await ccw(url, "logs", later)).code).toBe(3);

  const refused = await ccw(url, "cancel", later);
  expect(refused.code).toBe(4);
  expect(refused.stderr).toMatch(/^ccw: The job is already cancelled/);
  expect((await ccw(url, "frobnicate")).code).toBe(2);
  expect((await ccw("http://127.0.0.1:1", "list")).code).toBe(5);
});

test("ccw --follow rides out a network that keeps dropping, with every line of the log once", async () => {
  const proxy = await cuttingProxy();
  try {
    const followed = await ccw(proxy.url, "submit", "Write file:steps.txt scenario:slow turns:3", "--follow");
    expect(followed.code).toBe(0);
    expect(proxy.cuts()).toBeGreaterThan(0);
    expect(followed.stderr).toContain("connection lost; resuming");
    // Every turn's tool call and the final answer, each once, in order.
    const calls = followed.stdout.split("\n").filter((line) => line.startsWith("→ Write"));
    expect(calls).toHaveLength(3);
    expect(followed.stdout.match(/Done: three files written\./g)).toHaveLength(1);
  } finally {
    await proxy.close();
  }
});
