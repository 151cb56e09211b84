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

/** bull-board's page asks Google for its fonts; offline that request fails (or hangs), so we serve them. */
const GOOGLE_FONTS_LINK = /<link href="https:\/\/fonts\.googleapis\.com\/[^"]*" rel="stylesheet">/;
const LOCAL_FONTS_LINK = '<link href="fonts/plex.css" rel="stylesheet">';
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
    queues: [new BullMQAdapter(getJobQueue(), { displayName: "Claude Code jobs" })],
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
  // The entry page, whatever its route: point its font stylesheet at ours.
  app.use(`${BULL_BOARD_PATH}/*`, async (c, next) => {
    await next();
    if (!c.res.headers.get("Content-Type")?.startsWith("text/html")) return;
    const html = (await c.res.text()).replace(GOOGLE_FONTS_LINK, LOCAL_FONTS_LINK);
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
  ).then((sheets) => sheets.join("\n"));
  return fontStylesheetText;
}
