import type { Redis } from "ioredis";

const RETAKE = `
local lock = redis.call("GET", KEYS[1])
if lock == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return "held"
end
if lock then return "lost" end
if not redis.call("LPOS", KEYS[2], ARGV[3]) then return "lost" end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2], "NX")
redis.call("SREM", KEYS[3], ARGV[3])
return "retaken"`;

export type RetakeOutcome = "held" | "retaken" | "lost";

/**
 * Takes back a job's BullMQ lock with the token it had, when the lock expired during a Redis outage but the job is
 * still active and no one else took it: BullMQ's own renewal only extends a lock that exists, so otherwise its next
 * stalled check would hand the job to a second run. (BullMQ has no call for this; the keys are its own layout.)
 */
export async function retakeLock(
  redis: Redis,
  keys: { lock: string; active: string; stalled: string },
  jobId: string,
  token: string,
  lockMs: number,
): Promise<RetakeOutcome> {
  return (await redis.eval(
    RETAKE,
    3,
    keys.lock,
    keys.active,
    keys.stalled,
    token,
    lockMs,
    jobId,
  )) as RetakeOutcome;
}
