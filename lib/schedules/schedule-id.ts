import { z } from "zod";
import { newJobId } from "../job-id";

export const scheduleIdSchema = z
  .string()
  .regex(/^s[0-9a-z]{8,40}$/, { error: "A schedule id is s and 8 to 40 lowercase letters and digits" });

/** Sorts by creation time, as job ids do. */
export function newScheduleId(): string {
  return `s${newJobId()}`;
}
