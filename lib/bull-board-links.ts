/** Where bull-board is mounted in the dashboard. */
export const BULL_BOARD_PATH = "/admin/queues";

/** A job's page in bull-board. */
export function bullBoardJobUrl(queueName: string, jobId: string): string {
  return `${BULL_BOARD_PATH}/queue/${encodeURIComponent(queueName)}/${encodeURIComponent(jobId)}`;
}
