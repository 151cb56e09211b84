import { rmSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import path from "node:path";

const CHUNK = Buffer.alloc(1024 * 1024);

/**
 * Space this worker holds in DATA_DIR (a file of zeros) and lets go of when a job fills the disk: the job that
 * filled it fails, and the jobs beside it still have room to write their last lines and their results.
 */
export class SpaceReserve {
  private readonly file: string;
  private held = false;

  constructor(
    dataDir: string,
    workerId: string,
    private readonly bytes: number,
  ) {
    this.file = path.join(dataDir, `.reserved-space-${workerId}`);
  }

  /** Takes the space, if it is not held already and the disk has it; true when it is held. */
  async hold(): Promise<boolean> {
    if (this.held || this.bytes === 0) return this.held;
    const handle = await open(this.file, "w").catch(() => undefined);
    if (!handle) return false;
    try {
      for (let written = 0; written < this.bytes; written += CHUNK.length)
        await handle.write(CHUNK, 0, Math.min(CHUNK.length, this.bytes - written));
      await handle.sync();
      this.held = true;
    } catch {
      await rm(this.file, { force: true }).catch(() => {});
    } finally {
      await handle.close();
    }
    return this.held;
  }

  /**
   * Gives the space back to the disk at once (synchronously: the jobs beside the one that filled it are writing in
   * the same moment); true when there was some to give.
   */
  release(): boolean {
    if (!this.held) return false;
    this.held = false;
    try {
      rmSync(this.file, { force: true });
    } catch {
      // A disk gone read-only keeps it; the jobs beside have nothing more to gain, and nothing here may throw.
      return false;
    }
    return true;
  }

  /** Removes the file for good, when the worker stops. */
  async remove(): Promise<void> {
    this.held = false;
    await rm(this.file, { force: true });
  }
}
