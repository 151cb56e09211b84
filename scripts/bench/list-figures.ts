import { type Comparison, interleaved, median } from "./compare";

// The job list over HTTP beside bull-board's own API on the same server and queue: the page a person opens, and a
// search (which bull-board has not: its page is the baseline, and our plain page the bound).

const SAMPLES = 10;

async function timed(url: string): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < SAMPLES; n++) {
    const start = performance.now();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await response.arrayBuffer();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchList(webUrl: string, jobs: number, searchFor: string): Promise<Comparison[]> {
  const bullBoardPage = `${webUrl}/admin/queues/api/queues?activeQueue=jobs&status=completed&page=1&jobsPerPage=50`;
  const first = await interleaved(
    2,
    () => timed(`${webUrl}/api/jobs`),
    () => timed(bullBoardPage),
  );
  const page = median(first.ours);
  const bare = median(first.bare);
  const search = await interleaved(
    2,
    () => timed(`${webUrl}/api/jobs?q=${encodeURIComponent(searchFor)}`),
    () => timed(`${webUrl}/api/jobs`),
  );
  const searched = median(search.ours);
  const plain = median(search.bare);
  const size = jobs.toLocaleString("en");
  return [
    {
      figure: `first page at ${size} jobs, p50`,
      unit: "ms",
      ours: page,
      bare,
      ratio: page / bare,
      load: first.load,
      note: "bare: bull-board's API, 50 completed jobs",
    },
    {
      figure: `search at ${size} jobs, p50`,
      unit: "ms",
      ours: searched,
      bare,
      ratio: searched / bare,
      load: search.load,
      note: `our plain page ${plain.toFixed(1)} ms: ${(searched / plain).toFixed(2)}× it`,
    },
    {
      figure: `search ÷ our plain page at ${size} jobs`,
      unit: "×",
      ours: searched / plain,
      bare: null,
      ratio: null,
      target: { of: "ours", max: 2, text: "≤ 2× a plain page" },
      load: search.load,
    },
  ];
}
