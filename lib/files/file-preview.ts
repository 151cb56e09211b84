import "server-only";
import { open } from "node:fs/promises";
import path from "node:path";

/** Images the dashboard shows inline. SVG is not among them: it can carry script. */
const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

export function imageTypeOf(file: string): string | undefined {
  return IMAGE_TYPES[path.extname(file).toLowerCase()];
}

/** How much of a text file a preview shows; the rest is a download away. */
const PREVIEW_BYTES = 256 * 1024;

export type FilePreview =
  | { kind: "text"; text: string; size: number; truncated: boolean }
  | { kind: "binary"; size: number };

/** The beginning of a file as text, or "binary" when it holds NUL bytes or is not UTF-8. */
export async function readFilePreview(file: string, maxBytes = PREVIEW_BYTES): Promise<FilePreview> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return { kind: "binary", size };
    // A cut can split a character at the end: decode without it rather than call the file binary.
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    const replaced = (text.match(/\uFFFD/g) ?? []).length;
    if (replaced > 8) return { kind: "binary", size };
    return { kind: "text", text, size, truncated: bytesRead < size };
  } finally {
    await handle.close();
  }
}
