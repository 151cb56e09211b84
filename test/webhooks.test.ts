// Webhooks end to end: a real worker sends signed deliveries to real local receivers over HTTP, retries one that
// refuses them through BullMQ with backoff, and the delivery log says how each went.
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { getWebhooksView } from "@/lib/webhooks/list-deliveries";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { webhookProblem } from "@/lib/webhooks/sign-webhook";
import { type WebhookPayload, webhookPayloadSchema } from "@/lib/webhooks/webhook-events";
import { getWebhookQueue } from "@/lib/webhooks/webhook-queue";
import { submit, waitForState, waitUntil } from "./support/jobs";
import { startWorker, type WorkerProcess } from "./support/worker-process";

const secret = "the-operators-shared-webhook-secret";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ccw-webhooks-"));

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let receiver: Server;
let worker: WorkerProcess;
const env: Record<string, string> = {};

beforeAll(async () => {
  // One receiver that takes deliveries at /ok, and refuses them at /down.
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body });
      if (request.url === "/down") response.writeHead(500, "Internal Server Error").end("nope, not today");
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  Object.assign(env, {
    DATA_DIR: dataDir,
    WEBHOOK_URLS: `${base}/ok,${base}/down`,
    WEBHOOK_SECRET: secret,
    WEBHOOK_ATTEMPTS: "3",
    WEBHOOK_BACKOFF_SECONDS: "1",
    PUBLIC_URL: "https://ccw.example.com",
  });
  // This process reads the same configuration: it queues cancels and tests, and reads the log.
  Object.assign(process.env, env);
  worker = startWorker(env);
  await worker.waitForOutput("worker: ready");
});

afterAll(async () => {
  worker.process.kill("SIGTERM");
  await worker.exited;
  await getWebhookQueue().obliterate({ force: true });
  await new Promise((resolve) => receiver.close(resolve));
});

const deliveriesTo = (where: string, event: string, jobId: string) =>
  received.filter(
    (delivery) =>
      delivery.path === where &&
      (JSON.parse(delivery.body) as WebhookPayload).event === event &&
      (JSON.parse(delivery.body) as WebhookPayload).job.id === jobId,
  );

describe("webhooks", () => {
  it("sends a signed delivery when a job completes, with its title, state, cost and link", async () => {
    const { id } = await submit({ prompt: "Write file:report.txt", title: "Nightly report" });
    await waitForState(id, ["completed"], { context: () => worker.output() });
    await waitUntil("the receiver has the delivery", () => deliveriesTo("/ok", "completed", id).length === 1);
    const [delivery] = deliveriesTo("/ok", "completed", id);
    const { headers, body } = delivery as Received;
    expect(
      webhookProblem(
        secret,
        { signature: headers["x-ccw-signature"] as string, timestamp: headers["x-ccw-timestamp"] as string },
        body,
      ),
    ).toBeUndefined();
    expect(headers["x-ccw-event"]).toBe("completed");
    expect(headers["content-type"]).toBe("application/json");
    expect(webhookPayloadSchema.parse(JSON.parse(body))).toMatchObject({
      event: "completed",
      job: {
        id,
        title: "Nightly report",
        state: "completed",
        diagnosis: null,
        costUsd: expect.any(Number),
        url: `https://ccw.example.com/jobs/${id}`,
      },
    });
    // A signature made with another secret, or for another body, is no signature.
    expect(
      webhookProblem(
        "somebody-elses-secret-entirely",
        { signature: headers["x-ccw-signature"] as string, timestamp: headers["x-ccw-timestamp"] as string },
        body,
      ),
    ).toBe("the signature does not match");
  });

  it("retries a receiver that refuses, then logs the delivery failed with the receiver's answer", async () => {
    const { id } = await submit({ prompt: "scenario:fail", attempts: 1 });
    await waitForState(id, ["failed"], { context: () => worker.output() });
    await waitUntil(
      "the healthy receiver has the failure",
      () => deliveriesTo("/ok", "failed", id).length === 1,
    );
    const payload = webhookPayloadSchema.parse(JSON.parse(deliveriesTo("/ok", "failed", id)[0]?.body ?? ""));
    expect(payload.job.diagnosis?.cause).toEqual(expect.any(String));
    const logged = async () =>
      (await getWebhooksView()).deliveries.find(
        (delivery) => delivery.jobId === id && delivery.receiver.endsWith("/down"),
      );
    await waitUntil(
      "the refused delivery is given up on",
      async () => (await logged())?.state === "failed",
      30_000,
    );
    // Three tries in all, each one reaching the receiver.
    expect(deliveriesTo("/down", "failed", id)).toHaveLength(3);
    expect(
      new Set(deliveriesTo("/down", "failed", id).map((delivery) => delivery.headers["x-ccw-delivery"])).size,
    ).toBe(1);
    expect(await logged()).toMatchObject({
      state: "failed",
      attempts: 3,
      maxAttempts: 3,
      status: null,
      lastError: "The receiver answered 500 Internal Server Error: nope, not today",
    });
    const delivered = (await getWebhooksView()).deliveries.find(
      (delivery) => delivery.jobId === id && delivery.receiver.endsWith("/ok"),
    );
    expect(delivered).toMatchObject({ state: "delivered", status: 204, attempts: 1 });
  });

  it("says so when a job is cancelled before it ran, and sends a test on request", async () => {
    const { id } = await submit({ prompt: "Later", delaySeconds: 3600 });
    expect(await cancelJob(id)).toEqual({ ok: true, state: "cancelled" });
    await waitUntil("the cancel is delivered", () => deliveriesTo("/ok", "cancelled", id).length === 1);

    const test = await sendTestWebhook(0);
    expect(test.ok).toBe(true);
    await waitUntil("the test is delivered", () =>
      received.some((delivery) => delivery.headers["x-ccw-delivery"] === (test.ok && test.deliveryId)),
    );
    expect(await sendTestWebhook(7)).toMatchObject({ ok: false, status: 404 });
  });
});
