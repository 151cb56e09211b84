"use client";

import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Claude's prose as Markdown. Raw HTML in it is shown as text, never run; links open in a new tab. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown font-sans">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {children}
            </a>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
