import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getSystemStatus } from "@/lib/jobs/get-system-status";
import { getQueueRedis } from "@/lib/queue";
import { waitUntil } from "./support/jobs";
import { workerDuringTests } from "./support/worker-process";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-url-credentials-"));
process.env.DATA_DIR = dataDir;
const SECRET = "s3cret-in-the-url";
const worker = workerDuringTests({
  DATA_DIR: dataDir,
  ANTHROPIC_BASE_URL: `https://proxy-user:${SECRET}@api.example.invalid/anthropic`,
});

/** Every string and hash value Redis holds, as one text. */
async function everythingInRedis(): Promise<string> {
  const redis = getQueueRedis();
  const values: string[] = [];
  for (const key of await redis.keys("*")) {
    const type = await redis.type(key);
    if (type === "string") values.push((await redis.get(key)) ?? "");
    if (type === "hash") values.push(JSON.stringify(await redis.hgetall(key)));
  }
  return values.join("\n");
}

describe("an ANTHROPIC_BASE_URL with credentials in it", () => {
  it("is shown and stored without them", async () => {
    const mine = async () =>
      (await getSystemStatus()).workers.find((found) =>
        found.cli.apiBaseUrl?.includes("api.example.invalid"),
      );
    await waitUntil("the worker has registered", async () => (await mine()) !== undefined);
    expect((await mine())?.cli.apiBaseUrl).toBe("https://***@api.example.invalid/anthropic");
    const stored = await everythingInRedis();
    expect(stored).toContain("api.example.invalid");
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain("proxy-user");
    expect(worker.output()).not.toContain(SECRET);
  });
});
