// A working directory's own Claude settings run code unasked in -p mode: its hooks, its .mcp.json servers. With the
// real CLI against the Messages-API double, a job loads them only in a directory under TRUSTED_ROOTS.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JobProgress } from "@/lib/job-progress";
import { BUNDLED_CLI_VERSION } from "./support/bundled-cli-version";
import { submit, waitForState } from "./support/jobs";
import { realCliWorkerDuringTests } from "./support/real-cli-worker";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-trust-"));
process.env.DATA_DIR = dataDir;
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "ccw-trust-roots-")));
// Read by this file's submit checks as by the worker.
process.env.ALLOWED_ROOTS = root;
const cli = realCliWorkerDuringTests({
  DATA_DIR: dataDir,
  ALLOWED_ROOTS: root,
  TRUSTED_ROOTS: path.join(root, "trusted"),
});

/** A checkout someone else wrote: a hook at session start and an MCP server, each leaving a marker file. */
function checkoutWithSettings(dir: string): { hookMarker: string; mcpMarker: string } {
  // Inside the checkout: a sandboxed job (and so its hooks and servers) can write nowhere else.
  const hookMarker = path.join(dir, "hook-ran");
  const mcpMarker = path.join(dir, "mcp-ran");
  mkdirSync(path.join(dir, ".claude"), { recursive: true });
  writeFileSync(
    path.join(dir, ".claude", "settings.json"),
    JSON.stringify({
      hooks: { SessionStart: [{ hooks: [{ type: "command", command: `touch '${hookMarker}'` }] }] },
    }),
  );
  writeFileSync(
    path.join(dir, ".mcp.json"),
    JSON.stringify({
      mcpServers: { marker: { command: "sh", args: ["-c", `touch '${mcpMarker}'; sleep 5`] } },
    }),
  );
  return { hookMarker, mcpMarker };
}

describe("a directory's own Claude settings", () => {
  it.each([
    ["untrusted", false],
    ["trusted", true],
  ])("in the %s directory, its hook and its MCP server run only if it is trusted", async (name, trusted) => {
    const dir = path.join(root, name, "checkout");
    const { hookMarker, mcpMarker } = checkoutWithSettings(dir);
    const { id } = await submit({ prompt: "mock:edit file:notes.md", workingDirectory: dir });
    const job = await waitForState(id, ["completed", "failed"], {
      timeoutMs: 45_000,
      context: () => cli.worker.output(),
    });
    expect(job.returnvalue).toMatchObject({ outcome: "completed" });
    expect(existsSync(path.join(dir, "notes.md"))).toBe(true);
    expect([existsSync(hookMarker), existsSync(mcpMarker)]).toEqual([trusted, trusted]);
    // The job's page says what the CLI was let load, and what it loaded.
    expect(job.progress).toMatchObject({
      settingSources: trusted ? ["user", "project", "local"] : ["user"],
      cliVersion: BUNDLED_CLI_VERSION,
    });
    expect((job.progress as JobProgress).mcpServers?.map((server) => server.name) ?? []).toEqual(
      trusted ? ["marker"] : [],
    );
  });
});
