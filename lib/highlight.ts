import "server-only";
import path from "node:path";
import hljs from "highlight.js/lib/common";

/**
 * A file's text as highlighted HTML, its language found from the name (never guessed from the content: guessing
 * is slow on big files and often wrong). highlight.js escapes the text, so the HTML holds only its own spans.
 */
export function highlightFile(fileName: string, text: string): { html: string; language: string | null } {
  const base = path.basename(fileName).toLowerCase();
  const extension = path.extname(base).slice(1);
  const candidate = [extension, base].find((name) => name && hljs.getLanguage(name));
  if (!candidate) return { html: escapeHtml(text), language: null };
  const language = hljs.getLanguage(candidate)?.name ?? candidate;
  return { html: hljs.highlight(text, { language: candidate, ignoreIllegals: true }).value, language };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
