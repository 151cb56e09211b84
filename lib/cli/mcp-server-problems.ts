import type { JobProgress } from "../job-progress";

type McpServer = NonNullable<JobProgress["mcpServers"]>[number];

export interface McpServerProblem {
  servers: string[];
  cause: string;
  fix: string;
}

/**
 * The MCP servers of a run that did not connect, grouped by why, with what to do. The CLI's init event gives only a
 * status, never the reason (that is only in its debug log), so the fix says how to see it.
 */
export function mcpServerProblems(servers: readonly McpServer[] | undefined): McpServerProblem[] {
  const named = (status: string) =>
    (servers ?? []).filter((server) => server.status === status).map((server) => server.name);
  const problems: McpServerProblem[] = [];
  const failed = named("failed");
  if (failed.length > 0)
    problems.push({
      servers: failed,
      cause: `${listOf(failed)} failed to start or connect: ${failed.length > 1 ? "their" : "its"} tools were not available to this job.`,
      fix: `Check the server's command or URL where it is configured (its source says which file). To see why it failed, run claude -p hi --debug mcp in the job's directory as the worker's user.`,
    });
  const unauthenticated = named("needs-auth");
  if (unauthenticated.length > 0)
    problems.push({
      servers: unauthenticated,
      cause: `${listOf(unauthenticated)} needs you to log in: ${unauthenticated.length > 1 ? "their" : "its"} tools were not available to this job.`,
      fix: "Log in to it once as the worker's user (claude, then /mcp), then retry the job.",
    });
  return problems;
}

function listOf(names: string[]): string {
  return `The MCP server${names.length > 1 ? "s" : ""} ${names.join(", ")}`;
}
