import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { logIn } from "@/lib/auth/log-in";
import { LOGIN_WINDOW_SECONDS, MAX_FAILED_LOGINS } from "@/lib/auth/login-limit";
import { isValidSession, readSessionSecret } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { closeJobQueue, getQueueRedis } from "@/lib/queue";

process.env.DASHBOARD_PASSWORD = "the right password, long";
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ccw-login-"));

afterAll(async () => {
  await getQueueRedis().del("{ccw}:login-failures");
  await closeJobQueue();
});

describe("logIn", () => {
  it("gives a session for the right password, and refuses a wrong one", async () => {
    const wrong = await logIn("the wrong password");
    expect(wrong).toEqual({ ok: false, error: "Wrong password." });
    const right = await logIn("the right password, long");
    if (!right.ok) throw new Error(right.error);
    expect(isValidSession(readSessionSecret(getConfig().dataDir), right.session.value)).toBe(true);
    expect(right.session.expires.getTime()).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);
  });

  it("refuses every login, the right one too, after too many wrong ones, and says for how long", async () => {
    for (let n = 0; n < MAX_FAILED_LOGINS; n++) await logIn(`guess ${n}`);
    const locked = await logIn("the right password, long");
    expect(locked).toEqual({
      ok: false,
      error: `Too many failed logins: try again in ${LOGIN_WINDOW_SECONDS / 60} minute(s).`,
    });
  });
});
