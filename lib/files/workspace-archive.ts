import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { listWorkspaceFiles } from "./list-workspace-files";
import { resolveInside } from "./resolve-inside";

/**
 * A zip of every file in a workspace (a real path, as `openJobWorkspace` checks it), as a stream: files are read
 * while the zip is sent, so a big workspace never sits in memory. Symlinks and anything resolving outside the
 * workspace are left out, as in the file list.
 */
export async function zipWorkspace(root: string): Promise<ReadableStream<Uint8Array>> {
  const zip = new ZipFile();
  for (const file of await listWorkspaceFiles(root)) {
    const real = await resolveInside(root, file.path);
    if (real) zip.addFile(real, file.path);
  }
  zip.end();
  return Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
}
