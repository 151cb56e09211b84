import type { ResultEvent } from "../cli-events";

/**
 * How the log heads the CLI's result line, in words: its subtype is the CLI's own code, and says "success" on an API
 * failure too. A job that was cancelled gets no green "Result": what follows is what it said as it stopped.
 */
export function resultLabel(event: Pick<ResultEvent, "subtype" | "is_error">, cancelled = false): string {
  if (cancelled) return "Last words before it was stopped";
  if (!event.is_error) return "Result";
  switch (event.subtype) {
    case "error_max_turns":
      return "Stopped at its max turns";
    case "error_max_budget_usd":
      return "Stopped at its budget";
    case "error_during_execution":
      return "Error while running";
    default:
      return "Error";
  }
}
