import { describe, expect, it } from "vitest";
import { signWebhook, webhookProblem } from "./sign-webhook";

const secret = "a-shared-secret-of-the-operator";
const body = JSON.stringify({ event: "completed", job: { id: "0abc" } });
const now = 1_800_000_000_000;
const timestamp = now / 1000;

describe("webhook signatures", () => {
  it("sign the timestamp with the body, as HMAC-SHA256 in hex", () => {
    expect(signWebhook(secret, timestamp, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signWebhook(secret, timestamp, body)).not.toBe(signWebhook(secret, timestamp + 1, body));
    expect(signWebhook(secret, timestamp, body)).not.toBe(signWebhook(`${secret}x`, timestamp, body));
  });

  it("are accepted only for the same body, secret and a recent timestamp", () => {
    const signature = signWebhook(secret, timestamp, body);
    const check = (changes: { body?: string; secret?: string; at?: number; signature?: string }) =>
      webhookProblem(
        changes.secret ?? secret,
        { signature: changes.signature ?? signature, timestamp: String(timestamp) },
        changes.body ?? body,
        { now: changes.at ?? now },
      );
    expect(check({})).toBeUndefined();
    expect(check({ body: `${body} ` })).toBe("the signature does not match");
    expect(check({ secret: "another-secret-entirely" })).toBe("the signature does not match");
    expect(check({ signature: "sha256=00" })).toBe("the signature does not match");
    expect(check({ at: now + 301_000 })).toBe("the timestamp is too old or in the future");
    expect(webhookProblem(secret, { signature, timestamp: null }, body, { now })).toBe("no timestamp header");
  });
});
