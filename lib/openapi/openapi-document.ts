import "server-only";
import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from "zod-openapi";
import { directoryQuerySchema } from "../allowed-directory";
import { jobMessageSchema, toolAnswerSchema, toolRequestSchema } from "../approvals/tool-requests";
import { commitInputSchema, mergeInputSchema, workspaceChangesSchema } from "../git/change-schemas";
import { repositoryDescriptionSchema } from "../git/describe-repository";
import { jobIdSchema } from "../job-id";
import { followUpSchema, jobSpecSchema } from "../job-spec";
import { jobDetailSchema, jobListQuerySchema, jobListSchema } from "../job-view";
import { bulkActionSchema, bulkOutcomeSchema } from "../jobs/bulk-job-action";
import { attentionSchema } from "../jobs/get-attention";
import { systemStatusSchema } from "../jobs/get-system-status";
import { idempotencyKeySchema } from "../jobs/idempotent-submit";
import { jobTagsInputSchema } from "../jobs/set-job-tags";
import { scheduleViewSchema } from "../schedules/list-schedules";
import { scheduleIdSchema } from "../schedules/schedule-id";
import { scheduleInputSchema } from "../schedules/schedule-schemas";
import {
  fireInputSchema,
  templateIdSchema,
  templateInputSchema,
  templateViewSchema,
} from "../templates/template-schemas";
import { usageQuerySchema, usageViewSchema } from "../usage/get-usage-view";
import { webhooksViewSchema } from "../webhooks/list-deliveries";
import { testWebhookInputSchema } from "../webhooks/send-test-webhook";
import { workerIdSchema, workerViewSchema } from "../workers/list-workers";

/** Every error of the API: what is wrong and how to fix it, and for a refused job each field's problem. */
export const errorBodySchema = z
  .object({
    error: z.string(),
    fieldErrors: z.record(z.string(), z.string()).optional(),
    followUps: z.array(z.string()).optional(),
    conflicts: z.array(z.string()).optional(),
  })
  .meta({ id: "Error" });

const ERROR_WORDS: Record<number, string> = {
  400: "The request is not one this route takes: the body or a parameter is wrong, and `error` says how",
  401: "No session or token: log in, or send `Authorization: Bearer <token>`",
  403: "From another site: only the dashboard's own pages, and clients without an Origin, may change things",
  404: "No such job, schedule, file or receiver",
  409: "Not now: the job's state does not allow it, and `error` says why",
  413: "The body is over 1 MB",
  421: "The Host is not one this dashboard answers to (ALLOWED_HOSTS)",
  503: "Redis or the job store cannot be reached",
};

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const okEmpty = { description: "Done" };

interface OperationInput {
  summary: string;
  description?: string;
  path?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** Status → response; errors are added from `errors`. */
  responses: Record<string, ZodOpenApiResponseObject>;
  errors?: number[];
  tags: string[];
}

function operation(input: OperationInput): ZodOpenApiOperationObject {
  const errors = [401, 403, 421, 503, ...(input.errors ?? [])];
  return {
    summary: input.summary,
    ...(input.description ? { description: input.description } : {}),
    tags: input.tags,
    ...(input.path || input.query || input.headers
      ? {
          requestParams: {
            ...(input.path ? { path: z.object(input.path) } : {}),
            ...(input.query ? { query: input.query } : {}),
            ...(input.headers ? { header: input.headers } : {}),
          },
        }
      : {}),
    ...(input.body
      ? { requestBody: { required: true, content: { "application/json": { schema: input.body } } } }
      : {}),
    responses: {
      ...input.responses,
      ...Object.fromEntries(
        [...new Set(errors)]
          .sort()
          .map((status) => [String(status), json(errorBodySchema, ERROR_WORDS[status] ?? "")]),
      ),
    },
  };
}

const jobPath = { id: jobIdSchema.meta({ description: "The job's id" }) };
const schedulePath = { id: scheduleIdSchema.meta({ description: "The schedule's id" }) };
const ok = z.object({ ok: z.literal(true) });
const jobs = ["Jobs"];
const interactive = ["Interactive jobs"];
const git = ["Git jobs"];

/** Every route of app/api, with the zod schemas its handler parses and answers with. */
function apiPaths(): ZodOpenApiPathsObject {
  return {
    "/api/jobs": {
      get: operation({
        tags: jobs,
        summary: "One page of a tab's jobs, with every tab's count",
        description:
          "Newest first unless `sort`/`order` say otherwise; `q` searches titles and prompts; the filters narrow the tab, and the counts are of what they keep.",
        query: jobListQuerySchema,
        responses: { 200: json(jobListSchema, "The page") },
        errors: [400],
      }),
      post: operation({
        tags: jobs,
        summary: "Submit a job",
        description:
          "`?copies=N` (1 to 20) queues N identical jobs, all or none. With an `Idempotency-Key` header, the same request again within a day answers 200 with the first job, and another request with that key a 409.",
        query: z.object({ copies: z.string().optional() }),
        headers: z.object({ "idempotency-key": idempotencyKeySchema.optional() }),
        body: jobSpecSchema,
        responses: {
          200: json(
            z.object({ id: z.string(), ids: z.array(z.string()) }),
            "Sent before with this key: the first job",
          ),
          201: json(z.object({ id: z.string(), ids: z.array(z.string()) }), "Queued"),
        },
        errors: [400, 409, 413],
      }),
    },
    "/api/jobs/bulk": {
      post: operation({
        tags: jobs,
        summary: "Cancel, retry or delete many jobs",
        body: bulkActionSchema,
        responses: { 200: json(bulkOutcomeSchema, "What became of each") },
        errors: [400],
      }),
    },
    "/api/jobs/{id}": {
      get: operation({
        tags: jobs,
        summary: "One job, with its result, attempts, files and stderr",
        path: jobPath,
        responses: { 200: json(jobDetailSchema, "The job") },
        errors: [404],
      }),
      delete: operation({
        tags: jobs,
        summary: "Delete a job that is not running, with its log and folder",
        path: jobPath,
        responses: { 204: okEmpty },
        errors: [404, 409],
      }),
    },
    "/api/jobs/{id}/events": {
      get: {
        tags: jobs,
        summary: "The job's CLI events, live, as Server-Sent Events",
        description:
          "Each event is one line of the CLI's stream-json (`data`), with a cursor as its `id`; reconnecting with `Last-Event-ID` (or `?cursor=`) resumes after it, without loss or repeats. An `end` event closes a finished run's log; the stream ends after SSE_MAX_SECONDS and the client resumes from its cursor.",
        requestParams: {
          path: z.object(jobPath),
          header: z.object({ "last-event-id": z.string().optional() }),
          query: z.object({ cursor: z.string().optional() }),
        },
        responses: {
          200: { description: "The event stream", content: { "text/event-stream": { schema: z.string() } } },
          404: json(errorBodySchema, ERROR_WORDS[404] ?? ""),
          503: json(errorBodySchema, "Too many open streams (LOG_READERS_MAX, LOG_READERS_PER_CLIENT)"),
        },
      },
    },
    "/api/events": {
      get: {
        tags: jobs,
        summary: '"A job changed" signals for every job, as Server-Sent Events',
        description:
          'Each `data` is `{"jobId", "event"}` (added, active, progress, completed, failed, removed, …).',
        responses: {
          200: { description: "The signal stream", content: { "text/event-stream": { schema: z.string() } } },
        },
      },
    },
    "/api/jobs/{id}/files/{path}": {
      get: operation({
        tags: jobs,
        summary: "One file of the job's workspace",
        path: { ...jobPath, path: z.string() },
        query: z.object({ download: z.enum(["1"]).optional() }),
        responses: {
          200: { description: "The file, as text or an image", content: { "*/*": { schema: z.string() } } },
        },
        errors: [400, 404],
      }),
    },
    "/api/jobs/{id}/archive": {
      get: operation({
        tags: jobs,
        summary: "The whole workspace as a zip, streamed",
        path: jobPath,
        responses: { 200: { description: "A zip", content: { "application/zip": { schema: z.string() } } } },
        errors: [404],
      }),
    },
    "/api/jobs/{id}/stderr": {
      get: operation({
        tags: jobs,
        summary: "The CLI's whole stderr.log",
        path: jobPath,
        responses: { 200: { description: "Text", content: { "text/plain": { schema: z.string() } } } },
        errors: [404],
      }),
    },
    ...Object.fromEntries(
      (
        [
          [
            "cancel",
            "Cancel a waiting, delayed or active job",
            z.object({ state: z.enum(["cancelled", "cancelling"]) }),
          ],
          ["retry", "Run a failed or cancelled job again, as the same job", ok],
          ["run-now", "Run a delayed job now", ok],
        ] as const
      ).map(([name, summary, schema]) => [
        `/api/jobs/{id}/${name}`,
        {
          post: operation({
            tags: jobs,
            summary,
            path: jobPath,
            responses: { 200: json(schema, "Done") },
            errors: [404, 409],
          }),
        },
      ]),
    ),
    "/api/jobs/{id}/follow-up": {
      post: operation({
        tags: jobs,
        summary: "A new job resuming this finished job's session",
        path: jobPath,
        body: followUpSchema,
        responses: { 201: json(z.object({ id: z.string() }), "Queued") },
        errors: [400, 404, 409],
      }),
    },
    "/api/jobs/{id}/allow-and-run-again": {
      post: operation({
        tags: jobs,
        summary: "Run a completed job again with exactly its refused calls allowed",
        path: jobPath,
        responses: { 201: json(z.object({ id: z.string(), rules: z.array(z.string()) }), "Queued") },
        errors: [400, 404, 409],
      }),
    },
    "/api/jobs/{id}/tags": {
      put: operation({
        tags: jobs,
        summary: "Set a job's tags",
        path: jobPath,
        body: jobTagsInputSchema,
        responses: { 200: json(z.object({ tags: z.array(z.string()) }), "Its tags") },
        errors: [400, 404],
      }),
    },
    "/api/jobs/{id}/requests": {
      get: operation({
        tags: interactive,
        summary: "What a running job that asks waits for",
        path: jobPath,
        responses: { 200: json(z.object({ requests: z.array(toolRequestSchema) }), "Its open requests") },
        errors: [404],
      }),
    },
    "/api/jobs/{id}/requests/{requestId}": {
      post: operation({
        tags: interactive,
        summary: "Answer one request: allow, allow always, deny with a message, or answer a question",
        path: { ...jobPath, requestId: z.string() },
        body: toolAnswerSchema,
        responses: { 200: json(ok, "Taken") },
        errors: [400, 404, 409],
      }),
    },
    "/api/jobs/{id}/messages": {
      post: operation({
        tags: interactive,
        summary: "A message to a running job that asks: its next user turn",
        path: jobPath,
        body: jobMessageSchema,
        responses: { 202: json(ok, "Sent to its worker") },
        errors: [400, 404, 409],
      }),
    },
    "/api/jobs/{id}/interrupt": {
      post: operation({
        tags: interactive,
        summary: "Stop a running job's current turn; it waits for a message",
        path: jobPath,
        responses: { 202: json(ok, "Sent to its worker") },
        errors: [404, 409],
      }),
    },
    "/api/attention": {
      get: operation({
        tags: interactive,
        summary: "The running jobs waiting for a person",
        responses: { 200: json(attentionSchema, "What needs a person") },
      }),
    },
    "/api/jobs/{id}/changes": {
      get: operation({
        tags: git,
        summary: "What the job changed: files, counts and a patch per file",
        path: jobPath,
        responses: { 200: json(workspaceChangesSchema, "Its changes") },
        errors: [404, 409],
      }),
    },
    "/api/jobs/{id}/patch": {
      get: operation({
        tags: git,
        summary: "The job's work as a patch file",
        path: jobPath,
        responses: { 200: { description: "A patch", content: { "text/x-patch": { schema: z.string() } } } },
        errors: [404, 409],
      }),
    },
    "/api/jobs/{id}/commit": {
      post: operation({
        tags: git,
        summary: "Commit a git job's uncommitted work to its branch",
        path: jobPath,
        body: commitInputSchema,
        responses: { 200: json(z.object({ commit: z.string() }), "Committed") },
        errors: [400, 404, 409],
      }),
    },
    "/api/jobs/{id}/merge": {
      post: operation({
        tags: git,
        summary: "Merge a git job's branch into its base",
        path: jobPath,
        body: mergeInputSchema,
        responses: {
          200: json(z.object({ commit: z.string(), into: z.string(), fastForward: z.boolean() }), "Merged"),
        },
        errors: [400, 404, 409],
      }),
    },
    ...Object.fromEntries(
      (
        [
          ["keep", "Keep a git job's branch and remove its checkout"],
          ["discard", "Remove a git job's checkout and branch"],
        ] as const
      ).map(([name, summary]) => [
        `/api/jobs/{id}/${name}`,
        {
          post: operation({
            tags: git,
            summary,
            path: jobPath,
            responses: { 200: json(ok, "Done") },
            errors: [404, 409],
          }),
        },
      ]),
    ),
    "/api/directories": {
      get: operation({
        tags: ["Server"],
        summary: "The folders a job may work in, under ALLOWED_ROOTS",
        query: directoryQuerySchema,
        responses: { 200: json(z.object({ directories: z.array(z.string()) }), "Folders") },
        errors: [400],
      }),
    },
    "/api/directories/git": {
      get: operation({
        tags: git,
        summary: "The repository a directory is in, its current branch and last commit, its branches",
        query: directoryQuerySchema,
        responses: { 200: json(repositoryDescriptionSchema, "The repository") },
        errors: [400],
      }),
    },
    "/api/status": {
      get: operation({
        tags: ["Server"],
        summary: "Redis, the workers and their CLI, the allowed roots, the budget",
        responses: { 200: json(systemStatusSchema, "The status") },
      }),
    },
    "/api/workers": {
      get: operation({
        tags: ["Server"],
        summary: "Every worker heard from, with what stands out about it",
        responses: { 200: json(z.object({ workers: z.array(workerViewSchema) }), "The workers") },
      }),
    },
    ...Object.fromEntries(
      (["drain", "resume"] as const).map((name) => [
        `/api/workers/{id}/${name}`,
        {
          post: operation({
            tags: ["Server"],
            summary:
              name === "drain"
                ? "Drain a worker: it finishes what it runs and takes no new job"
                : "Let a drained worker take jobs again",
            path: { id: workerIdSchema },
            responses: { 200: json(ok, "Asked; it hears within 2 s") },
            errors: [404],
          }),
        },
      ]),
    ),
    "/api/usage": {
      get: operation({
        tags: ["Usage"],
        summary: "Cost and tokens by day, model and directory, and today's budget",
        query: usageQuerySchema,
        responses: { 200: json(usageViewSchema, "Usage") },
        errors: [400],
      }),
    },
    "/api/usage/lift-budget": {
      post: operation({
        tags: ["Usage"],
        summary: "Let jobs run past today's budget until the day ends",
        responses: { 200: json(z.object({ released: z.number() }), "Lifted") },
        errors: [409],
      }),
    },
    "/api/schedules": {
      get: operation({
        tags: ["Schedules"],
        summary: "Every schedule, with its next run and last runs",
        responses: { 200: json(z.object({ schedules: z.array(scheduleViewSchema) }), "The schedules") },
      }),
      post: operation({
        tags: ["Schedules"],
        summary: "A new schedule",
        body: scheduleInputSchema,
        responses: { 201: json(z.object({ id: z.string() }), "Saved and started") },
        errors: [400],
      }),
    },
    "/api/schedules/{id}": {
      get: operation({
        tags: ["Schedules"],
        summary: "One schedule",
        path: schedulePath,
        responses: { 200: json(scheduleViewSchema, "The schedule") },
        errors: [404],
      }),
      put: operation({
        tags: ["Schedules"],
        summary: "Change a schedule (a paused one stays paused)",
        path: schedulePath,
        body: scheduleInputSchema,
        responses: { 200: json(z.object({ id: z.string() }), "Saved") },
        errors: [400, 404],
      }),
      delete: operation({
        tags: ["Schedules"],
        summary: "Stop and forget a schedule; its jobs stay",
        path: schedulePath,
        responses: { 204: okEmpty },
        errors: [404],
      }),
    },
    ...Object.fromEntries(
      (["pause", "resume"] as const).map((name) => [
        `/api/schedules/{id}/${name}`,
        {
          post: operation({
            tags: ["Schedules"],
            summary:
              name === "pause" ? "Pause a schedule" : "Resume a schedule, its failures in a row forgotten",
            path: schedulePath,
            responses: { 200: json(ok, "Done") },
            errors: [404, 409],
          }),
        },
      ]),
    ),
    "/api/templates": {
      get: operation({
        tags: ["Triggers"],
        summary: "Every template a trigger can fire, with its fire URL",
        responses: { 200: json(z.object({ templates: z.array(templateViewSchema) }), "The templates") },
      }),
      post: operation({
        tags: ["Triggers"],
        summary: "A new template, with a trigger token of its own, shown this once",
        body: templateInputSchema,
        responses: { 201: json(z.object({ template: templateViewSchema, token: z.string() }), "Saved") },
        errors: [400],
      }),
    },
    "/api/templates/{id}": {
      delete: operation({
        tags: ["Triggers"],
        summary: "Delete a template: its token stops working at once",
        path: { id: templateIdSchema },
        responses: { 204: okEmpty },
        errors: [404],
      }),
    },
    "/api/templates/{id}/fire": {
      post: {
        tags: ["Triggers"],
        summary: "Start the template's job: for a trigger holding the template's own token",
        description:
          "Authorization: Bearer <the template's trigger token> (no session or API token needed, nor taken). `text` goes after the template's prompt; an `Idempotency-Key` makes a retried fire one job.",
        security: [{ trigger: [] }],
        requestParams: {
          path: z.object({ id: templateIdSchema }),
          header: z.object({ "idempotency-key": idempotencyKeySchema.optional() }),
        },
        requestBody: { content: { "application/json": { schema: fireInputSchema } } },
        responses: {
          200: json(z.object({ id: z.string() }), "Fired before with this key: the first job"),
          201: json(z.object({ id: z.string() }), "Queued"),
          400: json(errorBodySchema, ERROR_WORDS[400] ?? ""),
          401: json(errorBodySchema, "No template takes this token"),
          409: json(errorBodySchema, ERROR_WORDS[409] ?? ""),
          503: json(errorBodySchema, ERROR_WORDS[503] ?? ""),
        },
      },
    },
    "/api/webhooks": {
      get: operation({
        tags: ["Webhooks"],
        summary: "The receivers and the last deliveries",
        responses: { 200: json(webhooksViewSchema, "Receivers and deliveries") },
      }),
    },
    "/api/webhooks/test": {
      post: operation({
        tags: ["Webhooks"],
        summary: "Queue a signed test delivery to one receiver",
        body: testWebhookInputSchema,
        responses: { 202: json(z.object({ deliveryId: z.string() }), "Queued") },
        errors: [400, 404],
      }),
    },
    "/api/openapi.json": {
      get: {
        tags: ["Server"],
        summary: "This document",
        responses: {
          200: { description: "OpenAPI 3.1", content: { "application/json": { schema: z.object({}) } } },
        },
      },
    },
  };
}

/** The API as OpenAPI 3.1, generated from the schemas the routes parse and answer with: nothing written twice. */
export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Claude Code Worker",
      version: "1",
      description:
        'Run Claude Code jobs in the background: submit, watch, answer, review and schedule them. Every error is `{"error"}` saying what is wrong and how to fix it.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "A token of API_TOKENS, or one made on Settings → Tokens. Needed once a password or tokens are set.",
        },
        session: { type: "apiKey", in: "cookie", name: "ccw_session", description: "A browser's login" },
        trigger: {
          type: "http",
          scheme: "bearer",
          description: "A template's own trigger token (ccwt_…), for its fire route alone",
        },
      },
    },
    paths: apiPaths(),
  });
}
