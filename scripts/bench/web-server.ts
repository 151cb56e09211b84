import { spawnSync } from "node:child_process";
import path from "node:path";
import { isBuildFresh } from "../lib/build-freshness";
import { type ManagedChild, startChild } from "../lib/child-process-group";
import { findFreePort } from "../lib/free-port";

/** The production dashboard on a free port (built first when the build is stale), once it answers. */
export async function startWeb(root: string): Promise<{ url: string; child: ManagedChild }> {
  if (!isBuildFresh(root)) {
    console.log("   building the dashboard first (next build)...");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await findFreePort();
  const child = startChild(
    "web",
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: root,
      // The watchers figure opens a thousand streams from one client.
      env: { ...process.env, NODE_OPTIONS: "--conditions=react-server", LOG_READERS_PER_CLIENT: "2000" },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${url}/api/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, child };
    if (tries > 300) throw new Error("the dashboard did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
