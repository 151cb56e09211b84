import { z } from "zod";
import type { SystemInitEvent } from "../cli-events";

/** What the CLI's latest init event said about itself: a fact, where `--version` at start is only a claim. */
export const cliInitReportSchema = z.object({
  version: z.string().nullable(),
  /** null when the init event had none: CLIs before 2.1.205 report none. */
  capabilities: z.array(z.string()).nullable(),
  /** MCP servers still connecting when the first turn began, by name. */
  pendingMcpServers: z.array(z.string()),
});
export type CliInitReport = z.infer<typeof cliInitReportSchema>;

/** What a worker keeps of a job's init event to tell the dashboard what its CLI really is. */
export function cliInitReport(event: SystemInitEvent): CliInitReport {
  return {
    version: event.claude_code_version ?? null,
    capabilities: event.capabilities ?? null,
    pendingMcpServers: (event.mcp_servers ?? [])
      .filter((server) => server.status === "pending")
      .map((server) => server.name),
  };
}
