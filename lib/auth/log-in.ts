import "server-only";
import { getConfig } from "../config";
import { getQueueRedis } from "../queue";
import { isAuthRequired, isCorrectPassword } from "./credentials";
import { clearFailedLogins, loginLockSeconds, recordFailedLogin } from "./login-limit";
import { createSession, readSessionSecret } from "./session";

export type LogInResult =
  | { ok: true; session: { value: string; expires: Date } }
  | { ok: false; error: string };

/** Checks a password, counting failures: after ten in 15 minutes, logins are refused until the window ends. */
export async function logIn(password: string): Promise<LogInResult> {
  const config = getConfig();
  if (!isAuthRequired(config))
    return { ok: false, error: "This dashboard has no password: there is nothing to log in to." };
  if (!config.auth.passwordDigest)
    return { ok: false, error: "This dashboard takes API tokens only: send Authorization: Bearer <token>." };
  const redis = getQueueRedis();
  const locked = await loginLockSeconds(redis);
  if (locked > 0)
    return { ok: false, error: `Too many failed logins: try again in ${Math.ceil(locked / 60)} minute(s).` };
  if (!isCorrectPassword(config, password)) {
    await recordFailedLogin(redis);
    return { ok: false, error: "Wrong password." };
  }
  await clearFailedLogins(redis);
  return { ok: true, session: createSession(readSessionSecret(config.dataDir), config.auth.sessionHours) };
}
