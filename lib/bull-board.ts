import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { BULL_BOARD_PATH } from "./bull-board-links";
import { getJobQueue } from "./queue";
import { getWebhookQueue } from "./webhooks/webhook-queue";

/** bull-board's page asks Google for its fonts; offline that request fails (or hangs), so we serve them. */
const GOOGLE_FONTS_LINK = /<link href="https:\/\/fonts\.googleapis\.com\/[^"]*" rel="stylesheet">/;
const LOCAL_FONTS_LINK = '<link href="fonts/plex.css" rel="stylesheet">';
/** bull-board's own links back sit in a menu: a plain one, styled by our stylesheet, is put on every page. */
const BACK_LINK = '<a class="ccw-back" href="/">← Back to the dashboard</a>';
const BACK_LINK_STYLE =
  ".ccw-back{position:fixed;left:16px;bottom:44px;z-index:2147483647;background:#fff;padding:2px 6px;border-radius:4px;font:500 13px 'IBM Plex Sans',sans-serif;color:#4338ca;text-decoration:underline}";
/** Why its counts differ from the dashboard's, where bull-board shows the queue's description. */
const QUEUE_DESCRIPTION =
  "A cancelled job is a failed job to BullMQ, so it counts as failed here and as cancelled in the dashboard; Retry (or Retry all) here runs it again.";
/** The weights bull-board's stylesheet asks for. */
const FONT_STYLESHEETS = [
  ["@fontsource/ibm-plex-sans", ["400", "500", "600"]],
  ["@fontsource/ibm-plex-mono", ["400", "500"]],
] as const;
const FONT_FILE = /^ibm-plex-(sans|mono)-[a-z-]+-\d00-normal\.woff2?$/;

// Found from the working directory (the project root under `next start`), as bull-board finds its own UI: a
// bundler would rewrite require.resolve.
const packageDir = (name: string) => path.join(process.cwd(), "node_modules", name);

const globalForBoard = globalThis as typeof globalThis & { ccwBullBoard?: Hono };

/**
 * bull-board on our queue as a Hono app mounted at /admin/queues, created on first use (so `next build` connects to
 * nothing) and kept across dev reloads. Its UI's static files come from @bull-board/ui; its fonts from @fontsource.
 */
export function getBullBoardApp(): Hono {
  if (globalForBoard.ccwBullBoard) return globalForBoard.ccwBullBoard;
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(getJobQueue(), {
        displayName: "Claude Code jobs",
        description: QUEUE_DESCRIPTION,
      }),
      new BullMQAdapter(getWebhookQueue(), {
        displayName: "Webhook deliveries",
        description:
          "One job per delivery to a receiver of WEBHOOK_URLS, retried with backoff (Settings → Webhooks).",
        readOnlyMode: true,
      }),
    ],
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: "Claude Code Worker",
        miscLinks: [{ text: "Back to the dashboard", url: "/" }],
      },
    },
  });
  const app = new Hono();
  app.get(`${BULL_BOARD_PATH}/fonts/plex.css`, async (c) =>
    c.body(await fontStylesheet(), 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    }),
  );
  app.get(`${BULL_BOARD_PATH}/fonts/files/:file`, async (c) => {
    const file = c.req.param("file");
    if (!FONT_FILE.test(file)) return c.notFound();
    const family = file.startsWith("ibm-plex-sans")
      ? "@fontsource/ibm-plex-sans"
      : "@fontsource/ibm-plex-mono";
    const body = await readFile(path.join(packageDir(family), "files", file)).catch(() => undefined);
    if (!body) return c.notFound();
    return c.body(body, 200, {
      "Content-Type": file.endsWith(".woff2") ? "font/woff2" : "font/woff",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  });
  // The entry page, whatever its route: point its font stylesheet at ours, and lead back to the dashboard.
  app.use(`${BULL_BOARD_PATH}/*`, async (c, next) => {
    await next();
    if (!c.res.headers.get("Content-Type")?.startsWith("text/html")) return;
    const html = (await c.res.text())
      .replace(GOOGLE_FONTS_LINK, LOCAL_FONTS_LINK)
      .replace(/<body([^>]*)>/, `<body$1>${BACK_LINK}`);
    c.res = new Response(html, { status: c.res.status, headers: c.res.headers });
  });
  app.route(BULL_BOARD_PATH, serverAdapter.registerPlugin());
  globalForBoard.ccwBullBoard = app;
  return app;
}

let fontStylesheetText: Promise<string> | undefined;

/** The @fontsource stylesheets of the weights bull-board uses, joined: read from disk once. */
function fontStylesheet(): Promise<string> {
  fontStylesheetText ??= Promise.all(
    FONT_STYLESHEETS.flatMap(([name, weights]) =>
      weights.map((weight) => readFile(path.join(packageDir(name), `${weight}.css`), "utf8")),
    ),
  ).then((sheets) => [...sheets, BACK_LINK_STYLE].join("\n"));
  return fontStylesheetText;
}
