import { z } from "zod";

/** Job ids are made by us, not by BullMQ's counter, so a wiped Redis never reuses the id of a kept job folder. */
export const jobIdSchema = z
  .string()
  .regex(/^[0-9a-z]{8,40}$/, { error: "A job id is 8 to 40 lowercase letters and digits" });

let lastStamp = 0;

/**
 * A new id that sorts by creation time: milliseconds in base 36, then 8 random characters. Ids made in the same
 * millisecond by this process take the next free one, so they still sort in the order they were made.
 */
export function newJobId(now = Date.now()): string {
  const stamp = Math.max(now, lastStamp + 1);
  lastStamp = stamp;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
  return `${stamp.toString(36).padStart(9, "0")}${random}`;
}
