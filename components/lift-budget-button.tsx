"use client";

import { useState, useTransition } from "react";
import { liftBudgetAction } from "@/app/usage/actions";
import { button } from "./button-styles";

/** Lets today's waiting jobs run past the budget; says how many it started. */
export function LiftBudgetButton() {
  const [pending, startTransition] = useTransition();
  const [said, setSaid] = useState<string>();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await liftBudgetAction();
            setSaid(
              result.ok
                ? `Lifted for today: ${result.released} waiting job${result.released === 1 ? "" : "s"} started.`
                : result.error,
            );
          })
        }
      >
        {pending ? "Lifting…" : "Lift for today"}
      </button>
      {said && (
        <span role="status" className="text-sm">
          {said}
        </span>
      )}
    </span>
  );
}
