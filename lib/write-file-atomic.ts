import { rename, rm, writeFile } from "node:fs/promises";

/** Writes a whole file or nothing: a full disk leaves the old file (or none), never a half-written one. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const draft = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(draft, text);
    await rename(draft, file);
  } catch (error) {
    await rm(draft, { force: true }).catch(() => {});
    throw error;
  }
}
