import { parseArgs } from "node:util";
import { z } from "zod";
import { toolRequestSchema } from "@/lib/approvals/tool-requests";
import { formatCost, formatDuration } from "@/lib/format";
import { workspaceChangesSchema } from "@/lib/git/change-schemas";
import { type JobDetail, jobDetailSchema, jobListSchema } from "@/lib/job-view";
import { ApiClient, ApiError } from "./api-client";
import { readClientConfig } from "./client-config";
import { readJobLog } from "./follow-log";
import { plainStyle, renderLine, terminalStyle } from "./render-line";

/** What the exit code says, so `ccw submit … --follow && next-step` works in a script. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 3, refused: 4, unreachable: 5 } as const;

const USAGE = `ccw: Claude Code Worker from a terminal (CCW_URL, CCW_TOKEN, or ~/.config/ccw/config.json)

  ccw submit "prompt" [--title T] [--dir PATH] [--base BRANCH] [--model M] [--permission-mode MODE]
                      [--tag T]... [--allow-tool RULE]... [--ask] [--delay SECONDS] [--idempotency-key K]
                      [--follow]
  ccw list [--state all|active|waiting|delayed|completed|failed|cancelled] [--search WORDS] [--tag T]
  ccw show ID
  ccw logs ID [-f]             the conversation; -f follows it to the job's end, resuming after a drop
  ccw cancel ID | retry ID
  ccw follow-up ID "prompt" [--follow]
  ccw files ID [PATH]          the workspace's files, or one file's content
  ccw diff ID                  what the job changed, as a patch
  ccw keep ID | discard ID | merge ID [--merge-commit]
  ccw approve ID [--always] [--request R] | deny ID [--message M] [--request R]

  --json prints the dashboard's answer as JSON. Exit codes: 0 done (completed), 1 the job failed, 2 bad usage,
  3 the job was cancelled, 4 the dashboard refused, 5 the dashboard could not be reached.`;

class UsageError extends Error {}

const okSchema = z.object({ ok: z.literal(true) }).loose();
const idSchema = z.object({ id: z.string() }).loose();

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      follow: { type: "boolean", short: "f" },
      json: { type: "boolean" },
      title: { type: "string" },
      dir: { type: "string" },
      base: { type: "string" },
      model: { type: "string" },
      "permission-mode": { type: "string" },
      tag: { type: "string", multiple: true },
      "allow-tool": { type: "string", multiple: true },
      ask: { type: "boolean" },
      "idempotency-key": { type: "string" },
      delay: { type: "string" },
      state: { type: "string" },
      search: { type: "string" },
      request: { type: "string" },
      always: { type: "boolean" },
      message: { type: "string" },
      "merge-commit": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: false,
  });
  const [command, ...rest] = positionals;
  const style = out.isTTY && !values.json ? terminalStyle : plainStyle;
  const print = (text: string) => out.write(`${text}\n`);
  const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));
  const client = new ApiClient(readClientConfig());
  const need = (what: string) => {
    const value = rest.shift();
    if (!value) throw new UsageError(`ccw ${command}: give the ${what}`);
    return value;
  };
  const jobOf = (id: string) => client.request("GET", `/api/jobs/${id}`, jobDetailSchema);
  /** Follows the job's log to its end; the exit code is its outcome. */
  const followJob = async (id: string): Promise<number> => {
    const job = await readJobLog(
      client,
      id,
      (line) => {
        if (values.json) return print(JSON.stringify(line.kind === "text" ? line.text : line.event));
        const text = renderLine(line, style, id);
        if (text !== undefined) print(text);
      },
      {
        follow: true,
        onReconnect: (attempt) => err.write(style.dim(`(connection lost; resuming, try ${attempt})\n`)),
      },
    );
    if (!values.json) print(summaryOf(job));
    return outcomeCode(job);
  };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);

  try {
    switch (command) {
      case "submit": {
        const prompt = need("prompt");
        const spec = {
          prompt,
          title: text(values.title),
          workingDirectory: text(values.dir),
          gitBase: text(values.base),
          model: text(values.model),
          permissionMode: text(values["permission-mode"]),
          tags: values.tag,
          allowedTools: values["allow-tool"],
          toolApprovals: values.ask ? "ask" : undefined,
          delaySeconds: text(values.delay),
        };
        const key = text(values["idempotency-key"]);
        const submitted = await client.request(
          "POST",
          "/api/jobs",
          idSchema,
          spec,
          key ? { "idempotency-key": key } : {},
        );
        if (values.json && !values.follow) printJson(submitted);
        else if (!values.follow) print(submitted.id);
        else err.write(style.dim(`job ${submitted.id}\n`));
        return values.follow ? followJob(submitted.id) : EXIT.ok;
      }
      case "list": {
        const query = new URLSearchParams(
          Object.entries({ tab: text(values.state), q: text(values.search), tag: values.tag?.[0] }).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        );
        const list = await client.request("GET", `/api/jobs?${query}`, jobListSchema);
        if (values.json) printJson(list);
        else
          for (const job of list.jobs)
            print(
              `${job.id}  ${job.state.padEnd(10)} ${formatCost(job.progress?.costUsd).padStart(8)}  ${job.label}`,
            );
        return EXIT.ok;
      }
      case "show": {
        const job = await jobOf(need("job id"));
        if (values.json) printJson(job);
        else print(describeJob(job));
        return EXIT.ok;
      }
      case "logs": {
        const id = need("job id");
        if (values.follow) return followJob(id);
        const job = await readJobLog(
          client,
          id,
          (line) => {
            const rendered = values.json
              ? JSON.stringify(line.kind === "text" ? line.text : line.event)
              : renderLine(line, style, id);
            if (rendered !== undefined) print(rendered);
          },
          { follow: false },
        );
        return values.json ? EXIT.ok : outcomeCode(job, EXIT.ok);
      }
      case "cancel":
      case "retry": {
        const id = need("job id");
        const answer = await client.request("POST", `/api/jobs/${id}/${command}`, z.object({}).loose());
        if (values.json) printJson(answer);
        else print(command === "cancel" ? `cancelled ${id}` : `retrying ${id}`);
        return EXIT.ok;
      }
      case "follow-up": {
        const id = need("job id");
        const prompt = need("prompt");
        const made = await client.request("POST", `/api/jobs/${id}/follow-up`, idSchema, { prompt });
        if (!values.follow) {
          if (values.json) printJson(made);
          else print(made.id);
          return EXIT.ok;
        }
        return followJob(made.id);
      }
      case "files": {
        const id = need("job id");
        const file = rest.shift();
        if (file) {
          const response = await client.fetch(
            "GET",
            `/api/jobs/${id}/files/${file.split("/").map(encodeURIComponent).join("/")}`,
          );
          out.write(Buffer.from(await response.arrayBuffer()));
          return EXIT.ok;
        }
        const job = await jobOf(id);
        if (values.json) printJson(job.files);
        else for (const entry of job.files) print(`${String(entry.size).padStart(10)}  ${entry.path}`);
        return EXIT.ok;
      }
      case "diff": {
        const changes = await client.request(
          "GET",
          `/api/jobs/${need("job id")}/changes`,
          workspaceChangesSchema,
        );
        if (values.json) printJson(changes);
        else
          for (const file of changes.files)
            out.write(file.patch.endsWith("\n") ? file.patch : `${file.patch}\n`);
        return EXIT.ok;
      }
      case "keep":
      case "discard":
      case "merge": {
        const id = need("job id");
        const body =
          command === "merge"
            ? { mode: values["merge-commit"] ? "merge-commit" : "fast-forward" }
            : undefined;
        const answer = await client.request("POST", `/api/jobs/${id}/${command}`, z.object({}).loose(), body);
        if (values.json) printJson(answer);
        else
          print(
            command === "merge"
              ? `merged ${id}: ${JSON.stringify(answer)}`
              : `${command === "keep" ? "kept" : "discarded"} ${id}`,
          );
        return EXIT.ok;
      }
      case "approve":
      case "deny": {
        const id = need("job id");
        const { requests } = await client.request(
          "GET",
          `/api/jobs/${id}/requests`,
          z.object({ requests: z.array(toolRequestSchema) }),
        );
        const wanted = text(values.request);
        const request = wanted ? requests.find((one) => one.requestId === wanted) : requests[0];
        if (!request)
          throw new ApiError(
            wanted ? `Job ${id} has no open request ${wanted}.` : `Job ${id} waits for no answer now.`,
            409,
          );
        const answer =
          command === "deny"
            ? { decision: "deny", message: text(values.message) ?? "" }
            : { decision: values.always ? "allow-always" : "allow" };
        await client.request("POST", `/api/jobs/${id}/requests/${request.requestId}`, okSchema, answer);
        print(`${command === "deny" ? "refused" : "allowed"} ${request.toolName} for ${id}`);
        return EXIT.ok;
      }
      case undefined:
      case "help":
        print(USAGE);
        return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`ccw: no command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ApiError) {
      err.write(`ccw: ${error.message}\n`);
      return error.status === null || error.status >= 500 ? EXIT.unreachable : EXIT.refused;
    }
    throw error;
  }
}

function outcomeCode(job: JobDetail, unfinished: number = EXIT.ok): number {
  if (job.state === "completed") return EXIT.ok;
  if (job.state === "failed") return EXIT.failed;
  if (job.state === "cancelled") return EXIT.cancelled;
  return unfinished;
}

function summaryOf(job: JobDetail): string {
  const result = job.result;
  const duration =
    job.startedAt && job.finishedAt ? ` in ${formatDuration(job.finishedAt - job.startedAt)}` : "";
  if (job.state === "completed") return `completed${duration}, ${formatCost(result?.costUsd)}: ${job.id}`;
  const diagnosis = result?.diagnosis;
  return `${job.state}${duration}: ${diagnosis ? `${diagnosis.cause} ${diagnosis.fix}` : (job.failedReason ?? "")}`.trim();
}

function describeJob(job: JobDetail): string {
  return [
    `${job.id}  ${job.state}  ${job.label}`,
    `created ${new Date(job.createdAt).toISOString()}${job.tags.length ? `  tags ${job.tags.join(", ")}` : ""}`,
    `directory ${job.workingDirectory ?? "scratch workspace"}  model ${job.progress?.model ?? job.spec.model ?? "default"}`,
    `turns ${job.progress?.turns ?? "-"}  cost ${formatCost(job.result?.costUsd ?? job.progress?.costUsd)}`,
    ...(job.result?.text ? ["", job.result.text] : []),
    ...(job.result?.diagnosis ? ["", job.result.diagnosis.cause, job.result.diagnosis.fix] : []),
  ].join("\n");
}
