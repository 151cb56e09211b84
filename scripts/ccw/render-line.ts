import { canUseToolOf } from "@/lib/cli/control-protocol";
import { type CliLine, toolKeyArgument } from "@/lib/cli-events";
import { formatCost } from "@/lib/format";

export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

export const plainStyle: Style = { dim: (t) => t, bold: (t) => t, red: (t) => t, yellow: (t) => t };
export const terminalStyle: Style = {
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  red: (t) => `\x1b[31m${t}\x1b[39m`,
  yellow: (t) => `\x1b[33m${t}\x1b[39m`,
};

/** One line of a job's log as a terminal shows it: the conversation, not the JSON; undefined for what it skips. */
export function renderLine(line: CliLine, style: Style, jobId: string): string | undefined {
  switch (line.kind) {
    case "init":
      return style.dim(`● session ${line.event.session_id ?? "?"} · model ${line.event.model ?? "?"}`);
    case "assistant":
      return (
        line.event.message.content
          .flatMap((block) => {
            if (block.type === "text" && "text" in block) return [String(block.text)];
            if (block.type === "tool_use" && "name" in block)
              return [style.bold(`→ ${block.name}`) + ` ${toolKeyArgument(block.input)}`.trimEnd()];
            return [];
          })
          .join("\n") || undefined
      );
    case "user": {
      const content = line.event.message.content;
      if (typeof content === "string") return `${style.bold("you:")} ${content}`;
      const failed = content.find(
        (block) => block.type === "tool_result" && "is_error" in block && block.is_error,
      );
      return failed ? style.red("  ← the tool failed") : undefined;
    }
    case "api_retry":
      return style.yellow(
        `! API error ${line.event.error_status ?? ""} (${line.event.error ?? "unknown"}): retry ${line.event.attempt} of ${line.event.max_retries}`,
      );
    case "permission_denied":
      return style.yellow("! a tool call was refused by the permission mode");
    case "control_request": {
      const ask = canUseToolOf(line.event);
      if (!ask) return undefined;
      return style.yellow(
        `? Claude asks to use ${ask.tool_name}: ${toolKeyArgument(ask.input) || JSON.stringify(ask.input)}\n  answer: ccw approve ${jobId}, or ccw deny ${jobId} --message "…"`,
      );
    }
    case "request_answered":
      return style.dim(
        `  ${line.event.decision}${line.event.by ? ` by ${line.event.by}` : ""}${line.event.message ? `: ${line.event.message}` : ""}`,
      );
    case "message_sent":
      return `${style.bold("message:")} ${line.event.text}`;
    case "interrupted":
      return style.yellow("! interrupted: Claude waits for the next message");
    case "result":
      return line.event.is_error
        ? style.red(`✗ ${line.event.result ?? "the run failed"}`)
        : style.dim(`✓ done: ${line.event.num_turns ?? "?"} turns, ${formatCost(line.event.total_cost_usd)}`);
    case "text":
      return style.dim(line.text);
    default:
      return undefined;
  }
}
