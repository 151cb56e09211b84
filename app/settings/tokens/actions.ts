"use server";

import { revalidatePath } from "next/cache";
import { apiTokenIdSchema, apiTokenNameSchema, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getQueueRedis } from "@/lib/queue";

export type CreateTokenState = { error?: string; created?: { name: string; token: string } };

/** Makes a token and hands it back once; only its digest is kept. */
export async function createTokenAction(
  _previous: CreateTokenState,
  formData: FormData,
): Promise<CreateTokenState> {
  const input = apiTokenNameSchema.safeParse({ name: formData.get("name") });
  if (!input.success) return { error: input.error.issues[0]?.message };
  const { token } = await createApiToken(getQueueRedis(), input.data.name);
  revalidatePath("/settings/tokens");
  return { created: { name: input.data.name, token } };
}

export async function revokeTokenAction(id: string): Promise<{ error?: string }> {
  const parsed = apiTokenIdSchema.safeParse(id);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  if (!(await revokeApiToken(getQueueRedis(), parsed.data)))
    return { error: "There is no such token: it may have been revoked already." };
  revalidatePath("/settings/tokens");
  return {};
}
