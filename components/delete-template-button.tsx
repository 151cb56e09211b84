"use client";

import { useState, useTransition } from "react";
import { deleteTemplateAction } from "@/app/settings/triggers/actions";
import { button, dangerButton } from "./button-styles";

export function DeleteTemplateButton({ id, name }: { id: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={`${button} ${dangerButton}`}
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete the template “${name}”? Its token stops working at once.`)) return;
          startTransition(async () => setError((await deleteTemplateAction(id)).error));
        }}
      >
        Delete
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}
