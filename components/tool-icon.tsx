import {
  Bot,
  FilePen,
  FilePlus,
  FileText,
  FolderSearch,
  Globe,
  ListTodo,
  type LucideIcon,
  NotebookPen,
  Plug,
  Search,
  Terminal,
  Wrench,
} from "lucide-react";

/** Claude Code's own tools, each with the picture a reader scanning a long log recognises it by. */
const ICONS: Record<string, LucideIcon> = {
  Bash: Terminal,
  BashOutput: Terminal,
  KillShell: Terminal,
  Read: FileText,
  Write: FilePlus,
  Edit: FilePen,
  MultiEdit: FilePen,
  NotebookEdit: NotebookPen,
  Grep: Search,
  Glob: FolderSearch,
  WebFetch: Globe,
  WebSearch: Globe,
  TodoWrite: ListTodo,
  Task: Bot,
  Agent: Bot,
};

/** The icon of a tool by its name: MCP tools (`mcp__server__tool`) share a plug, any other a wrench. */
export function ToolIcon({ name }: { name: string }) {
  const Icon = ICONS[name] ?? (name.startsWith("mcp__") ? Plug : Wrench);
  return <Icon aria-hidden className="size-3.5 shrink-0 self-center" />;
}
