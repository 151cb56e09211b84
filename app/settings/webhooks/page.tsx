import type { Metadata } from "next";
import { WebhookDeliveries } from "@/components/webhook-deliveries";
import { getWebhooksView } from "@/lib/webhooks/list-deliveries";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Webhooks" };

const EXAMPLE_PAYLOAD = `{
  "event": "failed",
  "at": 1796212800000,
  "job": {
    "id": "0mx9h5e1y7b05e11c",
    "title": "Fix the flaky test",
    "state": "failed",
    "diagnosis": { "code": "max-turns", "cause": "…", "fix": "…" },
    "costUsd": 0.42,
    "url": "https://ccw.example.com/jobs/0mx9h5e1y7b05e11c"
  }
}`;

const EXAMPLE_CHECK = `// Node: the body exactly as received, and the two headers.
const expected = "sha256=" + crypto.createHmac("sha256", WEBHOOK_SECRET)
  .update(\`\${headers["x-ccw-timestamp"]}.\${body}\`).digest("hex");
// Equal (compare in constant time), and the timestamp within 5 minutes of now.`;

export default async function WebhooksPage() {
  const view = await getWebhooksView();
  return (
    <div className="max-w-4xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The dashboard posts to each receiver when a job completes, fails, is cancelled or needs you. Each
          delivery is signed with WEBHOOK_SECRET and tried again, waiting longer each time, until the receiver
          answers 2xx.
        </p>
      </div>
      {view.receivers.length === 0 ? (
        <p
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          No receivers are set. Set WEBHOOK_URLS (comma-separated http or https URLs) and WEBHOOK_SECRET
          (openssl rand -hex 32 makes one) for the dashboard and its workers, then restart them.
        </p>
      ) : (
        <WebhookDeliveries initial={view} />
      )}
      <section aria-label="What a receiver gets" className="space-y-2 text-sm">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">
          What a receiver gets
        </h2>
        <p className="text-zinc-600 dark:text-zinc-400">
          A POST of JSON, with headers X-CCW-Event, X-CCW-Delivery (the same on every try of one delivery),
          X-CCW-Timestamp (seconds) and X-CCW-Signature:
        </p>
        <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
          {EXAMPLE_PAYLOAD}
        </pre>
        <pre className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
          {EXAMPLE_CHECK}
        </pre>
      </section>
    </div>
  );
}
