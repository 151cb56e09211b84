import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * This installation's id, kept in DATA_DIR: the processes of its jobs carry it, so a worker never touches the job
 * processes of another installation on the same host. Made once, by whichever worker starts first.
 */
export async function readInstallationId(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "installation-id");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const id = randomBytes(8).toString("hex");
  // Written aside and linked into place: two workers starting at once agree on the first id, and a crash leaves
  // no half-written file.
  const draft = `${file}.${process.pid}.tmp`;
  await writeFile(draft, `${id}\n`);
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return (await readFile(file, "utf8")).trim();
}
