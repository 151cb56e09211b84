import type { Redis } from "ioredis";
import { workersWithHeartbeat } from "@/lib/workers/worker-heartbeat";

export type Liveness = "alive" | "dead" | "unknown";

/**
 * Tells whether other workers live, from their heartbeat keys, and calls one dead only when this observer has seen
 * its key missing for `confirmMs` over a connection that stayed up all that time. A missing key alone is not proof:
 * during a Redis outage every heartbeat can expire, and right after it the living workers are still reconnecting.
 */
export class WorkerLiveness {
  private steadySince: number | undefined;
  private readonly missingSince = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly confirmMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (redis.status === "ready") this.steadySince = now();
    redis.on("ready", () => {
      this.steadySince = this.now();
    });
    const unsteady = () => {
      this.steadySince = undefined;
      this.missingSince.clear();
    };
    redis.on("close", unsteady);
    redis.on("reconnecting", unsteady);
  }

  /** The liveness of each worker asked about; a failed read says "unknown" for all. */
  async check(workerIds: string[]): Promise<Map<string, Liveness>> {
    const asked = this.now();
    const states = new Map<string, Liveness>();
    let alive: Set<string>;
    try {
      alive = await workersWithHeartbeat(this.redis, workerIds);
    } catch {
      for (const id of workerIds) states.set(id, "unknown");
      return states;
    }
    const steadySince = this.steadySince;
    for (const id of workerIds) {
      if (alive.has(id)) {
        this.missingSince.delete(id);
        states.set(id, "alive");
        continue;
      }
      if (steadySince === undefined || steadySince > asked) {
        states.set(id, "unknown");
        continue;
      }
      const since = this.missingSince.get(id) ?? asked;
      this.missingSince.set(id, since);
      states.set(id, this.now() - since >= this.confirmMs ? "dead" : "unknown");
    }
    return states;
  }

  async of(workerId: string): Promise<Liveness> {
    return (await this.check([workerId])).get(workerId) ?? "unknown";
  }
}
