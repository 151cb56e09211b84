"use server";

import { revalidatePath } from "next/cache";
import { getQueueRedis } from "@/lib/queue";
import { templateIdSchema } from "@/lib/templates/template-schemas";
import { removeTemplate } from "@/lib/templates/template-store";

export async function deleteTemplateAction(id: string): Promise<{ error?: string }> {
  const parsed = templateIdSchema.safeParse(id);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  if (!(await removeTemplate(getQueueRedis(), parsed.data)))
    return { error: "There is no such template: it may have been deleted already." };
  revalidatePath("/settings/triggers");
  return {};
}
