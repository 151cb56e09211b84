// Every process of a job carries these four in its environment, inherited by whatever it starts, even by commands
// in sessions of their own and re-parented ones. Only a process with all four counts as a job's: a stray one (the
// worker's own, an operator's shell) never does.

/** One id per installation: processes of another installation on the same host are not ours. */
export const INSTALLATION_MARKER = "CCW_INSTALLATION";
/** Random per worker start, so a job's processes tell which worker (alive or dead) runs them. */
export const WORKER_MARKER = "CCW_WORKER_ID";
export const JOB_MARKER = "CCW_JOB_ID";
/** One per run of a job: a retry's processes are told from the earlier attempt's. */
export const RUN_MARKER = "CCW_RUN_ID";

export interface Markers {
  installation: string;
  worker: string;
  job: string;
  run: string;
}

export const MARKER_VARIABLES: Readonly<Record<keyof Markers, string>> = {
  installation: INSTALLATION_MARKER,
  worker: WORKER_MARKER,
  job: JOB_MARKER,
  run: RUN_MARKER,
};

/** The environment variables that mark a process with these markers. */
export function markerEnvironment(markers: Markers): Record<string, string> {
  return {
    [INSTALLATION_MARKER]: markers.installation,
    [WORKER_MARKER]: markers.worker,
    [JOB_MARKER]: markers.job,
    [RUN_MARKER]: markers.run,
  };
}
