"use server";

import { revalidatePath } from "next/cache";
import { type LiftBudgetResult, liftBudget } from "@/lib/usage/lift-budget";

export async function liftBudgetAction(): Promise<LiftBudgetResult> {
  const result = await liftBudget();
  revalidatePath("/usage");
  return result;
}
