import "server-only";
import { headers } from "next/headers";
import { ACTOR_HEADER } from "./access";

/** Who sent the request being handled, for what a job's log records: "the token “deploy script”", … */
export async function requestActor(): Promise<string> {
  const value = (await headers()).get(ACTOR_HEADER);
  return value ? decodeURIComponent(value) : "someone on the dashboard";
}
