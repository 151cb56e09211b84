import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SESSION_COOKIE = "ccw_session";

/**
 * A session is `<expires ms>.<random>.<signature>`: the signature (HMAC-SHA256 with the server's secret) makes it
 * unforgeable, the expiry makes a stolen one useless after SESSION_HOURS. Nothing is stored server-side.
 */
export function createSession(
  secret: Buffer,
  hours: number,
  now = Date.now(),
): { value: string; expires: Date } {
  const expires = now + hours * 3600 * 1000;
  const body = `${expires}.${randomBytes(16).toString("base64url")}`;
  return { value: `${body}.${sign(secret, body)}`, expires: new Date(expires) };
}

export function isValidSession(secret: Buffer, value: string | undefined, now = Date.now()): boolean {
  if (!value || value.length > 200) return false;
  const parts = value.split(".");
  if (parts.length !== 3) return false;
  const [expires, random, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${expires}.${random}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) && Number(expires) > now;
}

function sign(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

/**
 * The key sessions are signed with: made once, kept in DATA_DIR (readable by this user only), so a restart keeps
 * everyone logged in. Deleting the file logs everyone out.
 */
export function readSessionSecret(dataDir: string): Buffer {
  let secret = secrets.get(dataDir);
  if (!secret) {
    secret = loadOrCreateSecret(path.join(dataDir, "session-secret"));
    secrets.set(dataDir, secret);
  }
  return secret;
}

const secrets = new Map<string, Buffer>();

function loadOrCreateSecret(file: string): Buffer {
  const dataDir = path.dirname(file);
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // Another process made it first: use theirs.
    }
    return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  }
}

/** Where to go after logging in: only a path on this dashboard, never another site. */
export function safeNextPath(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 2000 ? next : "/";
}
