import { sseResponse } from "@/lib/http";
import { onJobChange } from "@/lib/queue-events";

export const dynamic = "force-dynamic";

const KEEP_ALIVE_MS = 15_000;

/** "This job changed" signals for every job, as Server-Sent Events. The browser refetches what it shows. */
export async function GET(): Promise<Response> {
  return sseResponse(
    (send, signal) =>
      new Promise<void>((resolve) => {
        void send("retry: 2000\n\n");
        const stop = onJobChange((change) => void send(`data: ${JSON.stringify(change)}\n\n`));
        const keepAlive = setInterval(() => void send(": keep-alive\n\n"), KEEP_ALIVE_MS);
        signal.addEventListener(
          "abort",
          () => {
            stop();
            clearInterval(keepAlive);
            resolve();
          },
          { once: true },
        );
      }),
  );
}
