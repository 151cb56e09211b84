import Link from "next/link";

/** What the demo model can show, each a prompt that opens the form filled in: the diagnoses are worth finding. */
const SCENARIOS: { prompt: string; shows: string; values?: Record<string, string> }[] = [
  {
    prompt: "Write a Python script that prints the first 20 primes to primes.py",
    shows: "a file written by the real CLI",
  },
  { prompt: "Take your time mock:slow file:haiku.md", shows: "a slow job to watch live, or cancel" },
  { prompt: "Run a command mock:bash", shows: "a Bash tool call and its output" },
  { prompt: "Use a bad key mock:error-401", shows: "a failure, with its cause and its fix" },
  { prompt: "Meet a busy API mock:error-529-once", shows: "an overloaded API, retried by the CLI" },
  {
    prompt: "Note this down mock:approve file:notes.txt",
    shows: "a command that waits for your approval",
    values: { permissionMode: "default", toolApprovals: "ask" },
  },
  {
    prompt: "Help me set up the app mock:ask",
    shows: "a question Claude asks you",
    values: { permissionMode: "default", toolApprovals: "ask" },
  },
];

export function DemoScenarios() {
  return (
    <div data-testid="demo-scenarios" className="mx-auto mt-6 max-w-xl text-left text-sm">
      <p className="mb-2 font-medium">The demo model can show you:</p>
      <ul className="space-y-1">
        {SCENARIOS.map((scenario) => (
          <li key={scenario.prompt}>
            <Link
              href={`/jobs/new?${new URLSearchParams({ prompt: scenario.prompt, ...scenario.values })}`}
              className="text-indigo-700 underline dark:text-indigo-300"
            >
              {scenario.shows}
            </Link>
          </li>
        ))}
        <li className="text-zinc-600 dark:text-zinc-400">
          a refused tool: any of these with Permission mode set to default
        </li>
      </ul>
    </div>
  );
}
