import { type CliLine, toolKeyArgument } from "../cli-events";

/** A tool result's content as text: a string, or text blocks (anything else as its JSON). */
export function toolResultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part) =>
        part && typeof part === "object" && "text" in part ? String(part.text) : JSON.stringify(part),
      )
      .join("\n");
  return JSON.stringify(content);
}

/**
 * The words a reader sees of a log line, for the log's search: its prose, tool names and arguments, results and
 * errors, never the JSON around them (a search for "type" must not match every line).
 */
export function lineText(line: CliLine): string {
  switch (line.kind) {
    case "init":
      return `Session ${line.event.session_id} started model ${line.event.model ?? "default"} ${line.event.permissionMode ?? ""}`;
    case "assistant":
      return line.event.message.content
        .map((block) => {
          if (block.type === "text" && "text" in block) return String(block.text);
          if (block.type === "thinking" && "thinking" in block) return String(block.thinking);
          if (block.type === "tool_use" && "name" in block)
            return `${String(block.name)} ${toolKeyArgument(block.input)}`;
          return "";
        })
        .join("\n");
    case "user": {
      const content = line.event.message.content;
      if (typeof content === "string") return content;
      return content
        .map((block) =>
          block.type === "tool_result" && "content" in block ? toolResultText(block.content) : "",
        )
        .join("\n");
    }
    case "result":
      return line.event.result ?? line.event.errors?.join("\n") ?? "";
    case "api_retry":
      return `API error ${line.event.error_status ?? ""} ${line.event.error ?? ""}`;
    case "task_started":
      return line.event.description ?? "";
    case "task_notification":
      return `${line.event.status} ${line.event.summary ?? ""}`;
    case "permission_denied":
      return `${line.event.tool_name} ${line.event.message ?? ""}`;
    case "text":
      return line.text;
    default:
      return "";
  }
}
