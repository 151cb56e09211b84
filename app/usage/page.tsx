import type { Metadata } from "next";
import Link from "next/link";
import { LiftBudgetButton } from "@/components/lift-budget-button";
import { formatCost } from "@/lib/format";
import { getUsageView, type NamedUsage, USAGE_RANGES, usageQuerySchema } from "@/lib/usage/get-usage-view";
import { SCRATCH_DIRECTORY } from "@/lib/usage/usage-ledger";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Usage" };

const tokens = (count: number) =>
  count >= 1_000_000
    ? `${(count / 1_000_000).toFixed(1)}M`
    : count >= 1000
      ? `${(count / 1000).toFixed(1)}k`
      : String(count);

/** Spend and tokens by day, model and directory, from the ledger (which keeps a deleted job's cost), and the budget. */
export default async function UsagePage(props: PageProps<"/usage">) {
  const params = await props.searchParams;
  const query = usageQuerySchema.safeParse({
    days: typeof params.days === "string" ? params.days : undefined,
  });
  const days = query.success ? query.data.days : 30;
  const view = await getUsageView(days);
  const highest = Math.max(...view.days.map((day) => day.costUsd), 0);
  const { budget } = view;
  const today = view.days.at(-1);
  return (
    <div className="max-w-5xl space-y-8">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-xl font-semibold">Usage</h1>
        <nav aria-label="Range" className="flex gap-1 text-sm">
          {USAGE_RANGES.map((range) => (
            <Link
              key={range}
              href={`/usage?days=${range}`}
              aria-current={range === days ? "page" : undefined}
              className="rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:text-zinc-400 dark:hover:bg-zinc-900 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
            >
              {range} days
            </Link>
          ))}
        </nav>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Days in {view.timeZone}.</p>
      </div>
      {!query.success && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {query.error.issues[0]?.message}: showing 30 days.
        </p>
      )}

      <section aria-label="Today" className="grid gap-4 sm:grid-cols-3">
        <Figure label="Today" value={formatCost(today?.costUsd ?? 0)} testId="usage-today" />
        <Figure label={`Last ${days} days`} value={formatCost(view.total.costUsd)} testId="usage-total" />
        <Figure
          label="Tokens (in / out)"
          value={`${tokens(view.total.inputTokens)} / ${tokens(view.total.outputTokens)}`}
        />
      </section>

      <section aria-label="Daily budget" data-testid="usage-budget" className="space-y-2 text-sm">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Daily budget</h2>
        {budget.limitUsd === null ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            None: set DAILY_BUDGET_USD to have new jobs wait once a day's spend reaches it.
          </p>
        ) : (
          <>
            <div className="h-3 w-full max-w-md overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
              <div
                className={`h-full ${budget.spentUsd >= budget.limitUsd ? "bg-red-600" : "bg-indigo-600"}`}
                style={{ width: `${Math.min(100, (budget.spentUsd / budget.limitUsd) * 100)}%` }}
              />
            </div>
            <p>
              {formatCost(budget.spentUsd)} of {formatCost(budget.limitUsd)} today.{" "}
              {budget.reached
                ? `Spent: new jobs wait until ${new Date(budget.resetsAt).toLocaleString()}.`
                : budget.lifted
                  ? "Lifted for today: jobs run past it until the day ends."
                  : ""}
            </p>
            {budget.reached && <LiftBudgetButton />}
          </>
        )}
      </section>

      <section aria-label="By day" className="space-y-2">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">By day</h2>
        <ol className="flex h-40 items-end gap-px" aria-label={`Cost per day, the last ${days} days`}>
          {view.days.map((day) => (
            <li
              key={day.day}
              title={`${day.day}: ${formatCost(day.costUsd)}, ${day.attempts} run${day.attempts === 1 ? "" : "s"}`}
              className="flex h-full min-w-0 flex-1 flex-col justify-end"
            >
              <span className="sr-only">
                {day.day}: {formatCost(day.costUsd)}
              </span>
              <span
                className="block w-full rounded-t bg-indigo-500 dark:bg-indigo-400"
                style={{
                  height:
                    highest > 0 ? `${Math.max(day.costUsd > 0 ? 2 : 0, (day.costUsd / highest) * 100)}%` : 0,
                }}
              />
            </li>
          ))}
        </ol>
        <p className="flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
          <span>{view.days[0]?.day}</span>
          <span>{view.days.at(-1)?.day}</span>
        </p>
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <UsageTable title="By model" rows={view.byModel} testId="usage-by-model" />
        <UsageTable
          title="By directory"
          rows={view.byDirectory.map((row) => ({
            ...row,
            name: row.name === SCRATCH_DIRECTORY ? "scratch workspaces" : row.name,
          }))}
          testId="usage-by-directory"
        />
      </div>
      <section aria-label="Last runs" className="space-y-2">
        <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">Last runs</h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Each run's cost is kept in the ledger when it ends, and stays there when its job is deleted.
        </p>
        {view.recent.length > 0 && (
          <div className="overflow-x-auto">
            <table data-testid="usage-recent" className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pr-3 font-medium">Ended</th>
                  <th className="py-1 pr-3 font-medium">Job</th>
                  <th className="py-1 pr-3 font-medium">Model</th>
                  <th className="py-1 pr-3 font-medium">Outcome</th>
                  <th className="py-1 text-right font-medium">Cost</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {view.recent.map((entry) => (
                  <tr key={`${entry.jobId}-${entry.attempt}-${entry.at}`}>
                    <td className="py-1 pr-3 text-zinc-600 dark:text-zinc-400">
                      {new Date(entry.at).toLocaleString()}
                    </td>
                    <td className="py-1 pr-3 font-mono text-xs">
                      <Link
                        href={`/jobs/${entry.jobId}`}
                        className="text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {entry.jobId}
                      </Link>
                      {entry.attempt > 1 && ` (run ${entry.attempt})`}
                    </td>
                    <td className="py-1 pr-3 font-mono text-xs">{entry.model}</td>
                    <td className="py-1 pr-3">{entry.outcome}</td>
                    <td className="py-1 text-right tabular-nums">{formatCost(entry.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <p className="text-xs uppercase text-zinc-500 dark:text-zinc-400">{label}</p>
      <p data-testid={testId} className="mt-1 text-2xl font-semibold tabular-nums">
        {value}
      </p>
    </div>
  );
}

function UsageTable({ title, rows, testId }: { title: string; rows: NamedUsage[]; testId: string }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-sm font-semibold uppercase text-zinc-500 dark:text-zinc-400">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No runs in this range.</p>
      ) : (
        <div className="overflow-x-auto">
          <table data-testid={testId} className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 pr-3 font-medium">Name</th>
                <th className="py-1 pr-3 text-right font-medium">Runs</th>
                <th className="py-1 pr-3 text-right font-medium">Tokens in / out</th>
                <th className="py-1 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {rows.map((row) => (
                <tr key={row.name}>
                  <td className="py-1 pr-3 font-mono text-xs [overflow-wrap:anywhere]">{row.name}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{row.attempts}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">
                    {tokens(row.inputTokens)} / {tokens(row.outputTokens)}
                  </td>
                  <td className="py-1 text-right tabular-nums">{formatCost(row.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
