import { newJobId } from "@/lib/job-id";
import { getJobQueue } from "@/lib/queue";

const q = getJobQueue();
for (const prompt of ["write file:a.txt", "scenario:fail"]) {
  const j = await q.add("claude", { prompt, permissionMode: "acceptEdits" }, { jobId: newJobId() });
  console.log("added", j.id);
}
await new Promise((r) => setTimeout(r, 3000));
const jobs = await q.getJobs(["completed", "failed"]);
for (const j of jobs) console.log(j.id, await j.getState(), j.failedReason, JSON.stringify(j.progress));
await q.close();
