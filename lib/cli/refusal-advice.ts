import type { PermissionDenial } from "../cli-events";
import type { JobSpec } from "../job-spec";

export interface RefusalAdvice {
  tool: string;
  /** What the call was for: the command, the file, the URL. */
  target: string;
  advice: string;
  /** The Allowed tools rule that lets exactly this call through, where one does. */
  rule?: string;
}

const FILE_EDIT_TOOLS = new Set(["Write", "Edit", "MultiEdit", "NotebookEdit"]);
const FILE_READ_TOOLS = new Set(["Read", "Glob", "Grep", "LS", "NotebookRead"]);
/** What the job spec's tool rules accept: no parentheses or line breaks inside the rule, 200 characters in all. */
const RULE_ARGUMENT = /^[^()\n]*$/;
const RULE_MAX_CHARS = 200;

interface RunOf {
  permissionMode: JobSpec["permissionMode"];
  /** The directory the CLI ran in, from its init event; unknown before it started. */
  cwd?: string;
  additionalDirectories?: readonly string[];
}

/** A job as far as its refusals go: what it asked for, where it ran, and what its CLI refused. */
interface JobOf {
  spec: Pick<JobSpec, "permissionMode" | "additionalDirectories">;
  progress?: { cwd?: string } | null;
  result?: { permissionDenials: readonly PermissionDenial[] } | null;
}

/** The advice for each tool call a job's last run was refused. */
export function jobRefusalAdvice(job: JobOf): RefusalAdvice[] {
  return refusalAdvice(job.result?.permissionDenials ?? [], {
    permissionMode: job.spec.permissionMode,
    cwd: job.progress?.cwd,
    additionalDirectories: job.spec.additionalDirectories,
  });
}

/** The rules that let exactly these refused calls through, each once, leaving out those already allowed. */
export function rulesToAllow(advice: readonly RefusalAdvice[], allowed: readonly string[] = []): string[] {
  const rules = new Set(advice.flatMap((refusal) => (refusal.rule ? [refusal.rule] : [])));
  for (const rule of allowed) rules.delete(rule);
  return [...rules];
}

/** For each refused tool call, what would have let it through, worked out from what was refused and how the job ran. */
export function refusalAdvice(denials: readonly PermissionDenial[], run: RunOf): RefusalAdvice[] {
  return denials.map((denial) => adviceFor(denial.tool_name, inputOf(denial.tool_input), run));
}

function adviceFor(tool: string, input: Record<string, unknown>, run: RunOf): RefusalAdvice {
  if (tool === "Bash") {
    const command = String(input.command ?? "").trim();
    const rule = bashRule(command);
    return {
      tool,
      target: command,
      rule,
      advice: `Allow the command with the rule ${rule} in Allowed tools, then run the job again.`,
    };
  }
  const file = String(input.file_path ?? input.notebook_path ?? input.path ?? "");
  if (file && (FILE_EDIT_TOOLS.has(tool) || FILE_READ_TOOLS.has(tool))) {
    const directories = [run.cwd, ...(run.additionalDirectories ?? [])].filter(
      (directory): directory is string => directory !== undefined,
    );
    if (run.cwd && file.startsWith("/") && !directories.some((directory) => isInside(file, directory)))
      return {
        tool,
        target: file,
        advice: `${file.slice(0, file.lastIndexOf("/")) || "/"} is outside the job's directory: add it under Extra directories (it must be under ALLOWED_ROOTS), then run the job again.`,
      };
    if (FILE_EDIT_TOOLS.has(tool) && (run.permissionMode === "default" || run.permissionMode === "plan"))
      return {
        tool,
        target: file,
        rule: tool,
        advice: `Permission mode ${run.permissionMode} asks before every file edit, and a background job cannot be asked: run it again with permission mode acceptEdits, or allow ${tool} in Allowed tools.`,
      };
    return {
      tool,
      target: file,
      rule: tool,
      advice: `The CLI refused it even in permission mode ${run.permissionMode}: it guards some paths (its own settings, .git). Allow ${tool} in Allowed tools if the job should, then run it again.`,
    };
  }
  const target = String(input.url ?? input.query ?? input.pattern ?? "");
  return {
    tool,
    target,
    rule: tool,
    advice: `Allow it with the rule ${tool} in Allowed tools, then run the job again.`,
  };
}

/** The exact command as a rule where the job spec can hold it; else every command of the same program. */
function bashRule(command: string): string {
  const exact = `Bash(${command})`;
  if (command && RULE_ARGUMENT.test(command) && exact.length <= RULE_MAX_CHARS) return exact;
  const program = /^[^\s()]+/.exec(command)?.[0] ?? "";
  return program ? `Bash(${program}:*)` : "Bash";
}

/** Plain string work, so the page can use it too: the CLI reports absolute, normalized paths. */
function isInside(file: string, directory: string): boolean {
  const root = directory.replace(/\/+$/, "");
  return file === root || file.startsWith(`${root}/`);
}

function inputOf(input: unknown): Record<string, unknown> {
  return input && typeof input === "object" ? (input as Record<string, unknown>) : {};
}
