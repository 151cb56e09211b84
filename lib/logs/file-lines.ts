import { open } from "node:fs/promises";

const CHUNK_BYTES = 256 * 1024;

export interface FileLine {
  text: string;
  /** The byte where the line starts, and the one after its newline. */
  start: number;
  next: number;
}

/**
 * The whole lines of a file from byte `offset` on, read in chunks, with where each begins: a log of a million lines
 * is read in constant memory. A last line without its newline (cut off by a crash) is not a whole line and is left out.
 */
export async function* readFileLines(file: string, offset: number): AsyncGenerator<FileLine> {
  const handle = await open(file, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let rest = Buffer.alloc(0);
    let position = offset;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position + rest.length);
      if (bytesRead === 0) return;
      const data =
        rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let from = 0;
      for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, from)) {
        yield {
          text: data.toString("utf8", from, newline),
          start: position + from,
          next: position + newline + 1,
        };
        from = newline + 1;
      }
      // Copied: the chunk's memory is read into again.
      rest = Buffer.from(data.subarray(from));
      position += from;
    }
  } finally {
    await handle.close();
  }
}
