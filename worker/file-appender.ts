import { type FileHandle, open } from "node:fs/promises";

export interface FileAppenderOptions {
  /**
   * Asked when a write fails: whether to try the rest of it once more (another job's failure has just freed space,
   * say). When it answers no, the appender stops and `onError` is told.
   */
  retry: (error: NodeJS.ErrnoException) => Promise<boolean>;
  onError: (error: NodeJS.ErrnoException) => void;
}

/**
 * Appends text to a file in order, batching what arrives together into one write, and finishing a partial write
 * itself: unlike a WriteStream, it knows exactly which bytes landed, so a failed write can be tried again without
 * losing or repeating a byte.
 */
export class FileAppender {
  private handle: Promise<FileHandle> | undefined;
  private queued: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly options: FileAppenderOptions,
  ) {}

  get hasFailed(): boolean {
    return this.failed;
  }

  append(text: string): void {
    if (this.failed) return;
    this.queued.push(text);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writeQueued();
    });
  }

  /** Writes what is queued and closes the file, which exists afterwards even when nothing was written to it. */
  async close(): Promise<void> {
    this.writeQueued();
    await this.writing;
    if (!this.handle && !this.failed) {
      this.handle = open(this.file, "a");
      await this.handle.catch((error: NodeJS.ErrnoException) => {
        this.failed = true;
        this.options.onError(error);
      });
    }
    const handle = await this.handle?.catch(() => undefined);
    await handle?.close().catch(() => {});
  }

  private writeQueued(): void {
    if (this.queued.length === 0 || this.failed) return;
    const data = Buffer.from(this.queued.join(""));
    this.queued = [];
    this.writing = this.writing.then(() => this.writeAll(data));
  }

  private async writeAll(data: Buffer): Promise<void> {
    if (this.failed) return;
    let written = 0;
    let retried = false;
    while (written < data.length) {
      try {
        this.handle ??= open(this.file, "a");
        const { bytesWritten } = await (await this.handle).write(data, written, data.length - written);
        written += bytesWritten;
      } catch (error) {
        const failure = error as NodeJS.ErrnoException;
        if (failure.code === "ENOENT" || failure.code === "EACCES" || failure.code === "EROFS") {
          // Opened afresh on the next try; this one is closed, not leaked.
          const stale = this.handle;
          this.handle = undefined;
          await stale?.then((handle) => handle.close()).catch(() => {});
        }
        if (!retried && (await this.options.retry(failure))) {
          retried = true;
          continue;
        }
        this.failed = true;
        this.queued = [];
        this.options.onError(failure);
        return;
      }
    }
  }
}
