import path from "node:path";
import { jobIdSchema } from "./job-id";

/** The output folder of one job, DATA_DIR/jobs/<id>/, and what it holds. */
export function jobPaths(dataDir: string, jobId: string) {
  // Parsing here means no caller can build a path from an id that could climb out of DATA_DIR.
  const dir = path.join(dataDir, "jobs", jobIdSchema.parse(jobId));
  return {
    dir,
    spec: path.join(dir, "job.json"),
    workspace: path.join(dir, "workspace"),
    /** The workspace's history, one commit per job that started on earlier jobs' files (lib/git/workspace-history.ts). */
    history: path.join(dir, "workspace-history.git"),
    /**
     * A git job's own checkout of its repository, on its own branch (lib/git/job-worktree.ts); named by the job's
     * id, which git takes as the checkout's name.
     */
    worktree: path.join(dir, "worktree", jobId),
    /** The index of the last snapshot of the job's files (lib/git/workspace-history.ts), where the job cannot write. */
    snapshotIndex: path.join(dir, "snapshot.index"),
    /** A sandboxed run's CLI configuration and sessions (CLAUDE_CONFIG_DIR), beside the workspace they belong to. */
    sessionHome: path.join(dir, "cli-sessions"),
    events: path.join(dir, "events.jsonl"),
    /** Where in events.jsonl each run's lines are, once its stream has left Redis (lib/logs/archived-log.ts). */
    logIndex: path.join(dir, "log-index.json"),
    stderr: path.join(dir, "stderr.log"),
    result: path.join(dir, "result.json"),
  };
}
