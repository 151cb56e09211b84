"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { sendTestWebhookAction } from "@/app/settings/webhooks/actions";
import { formatRelativeTime } from "@/lib/format";
import type { WebhookDeliveryView, WebhooksView } from "@/lib/webhooks/list-deliveries";
import { button } from "./button-styles";
import { fetchJson } from "./fetch-json";
import { useNow } from "./use-now";

/** While a delivery is on its way or waits to be tried again, the log is read this often. */
const PENDING_REFETCH_MS = 2000;

const STATE_STYLES: Record<WebhookDeliveryView["state"], string> = {
  delivered: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200",
  retrying: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  sending: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  queued: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
};

/** The receivers, each with Send a test, and the delivery log: what was sent, where, and how it went. */
export function WebhookDeliveries({ initial }: { initial: WebhooksView }) {
  const { data } = useQuery({
    queryKey: ["webhooks"],
    queryFn: () => fetchJson<WebhooksView>("/api/webhooks"),
    initialData: initial,
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => !["delivered", "failed"].includes(delivery.state))
        ? PENDING_REFETCH_MS
        : false,
  });
  const now = useNow(true, 5000);
  return (
    <div className="space-y-6">
      <section aria-label="Receivers" className="space-y-2">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Receivers</h2>
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {data.receivers.map((receiver) => (
            <Receiver key={receiver.index} index={receiver.index} receiver={receiver.receiver} />
          ))}
        </ul>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Sent for: {data.events.filter((event) => event !== "test").join(", ")} (WEBHOOK_EVENTS); each
          delivery is tried up to {data.attempts} times, waiting longer after each failure.
        </p>
      </section>
      <section aria-label="Deliveries" className="space-y-2">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Deliveries</h2>
        {data.deliveries.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Nothing sent yet: deliveries show here as jobs end or wait for you.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-2 pr-3 font-medium">State</th>
                  <th className="py-2 pr-3 font-medium">Event</th>
                  <th className="py-2 pr-3 font-medium">Job</th>
                  <th className="py-2 pr-3 font-medium">Receiver</th>
                  <th className="py-2 pr-3 font-medium">Tries</th>
                  <th className="py-2 font-medium">When</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {data.deliveries.map((delivery) => (
                  <tr key={delivery.id} data-testid="webhook-delivery" className="align-top">
                    <td className="py-2 pr-3">
                      <span
                        data-testid="delivery-state"
                        className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLES[delivery.state]}`}
                      >
                        {delivery.state}
                        {delivery.status !== null && ` ${delivery.status}`}
                      </span>
                      {delivery.lastError && (
                        <p
                          data-testid="delivery-error"
                          className="mt-1 max-w-md text-xs text-red-700 dark:text-red-300"
                        >
                          {delivery.lastError}
                        </p>
                      )}
                      {delivery.nextAttemptAt !== null && (
                        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                          next try {formatRelativeTime(delivery.nextAttemptAt, now)}
                        </p>
                      )}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{delivery.event}</td>
                    <td className="py-2 pr-3 [overflow-wrap:anywhere]">
                      {delivery.event === "test" ? (
                        delivery.jobTitle
                      ) : (
                        <Link
                          href={`/jobs/${delivery.jobId}`}
                          className="text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {delivery.jobTitle}
                        </Link>
                      )}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs [overflow-wrap:anywhere]">
                      {delivery.receiver}
                    </td>
                    <td className="py-2 pr-3 tabular-nums">
                      {delivery.attempts} of {delivery.maxAttempts}
                    </td>
                    <td className="py-2 text-zinc-600 dark:text-zinc-400">
                      {formatRelativeTime(delivery.finishedAt ?? delivery.queuedAt, now)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function Receiver({ index, receiver }: { index: number; receiver: string }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2">
      <code className="min-w-0 flex-1 font-mono text-sm [overflow-wrap:anywhere]">{receiver}</code>
      <button
        type="button"
        className={button}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await sendTestWebhookAction(index);
            setError(result.ok ? undefined : result.error);
            await queryClient.invalidateQueries({ queryKey: ["webhooks"] });
          })
        }
      >
        {pending ? "Sending…" : "Send a test"}
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </li>
  );
}
