"use client";

import { useEffect, useState } from "react";
import ReactMarkdown, { type Options } from "react-markdown";
import remarkGfm from "remark-gfm";

type Plugins = NonNullable<Options["rehypePlugins"]>;

/**
 * The highlighter and its grammars weigh more than the rest of the job page's code, so they load the first time a
 * code block names its language. Only such blocks are highlighted: guessing is slow on long blocks and often wrong.
 */
let highlighter: Promise<Plugins> | undefined;
function loadHighlighter(): Promise<Plugins> {
  highlighter ??= import("rehype-highlight").then(({ default: rehypeHighlight }) => [
    [rehypeHighlight, { detect: false }],
  ]);
  return highlighter;
}
let loadedPlugins: Plugins | undefined;

const NAMED_CODE_BLOCK = /^\s*(```|~~~)\s*[\w+#.-]+/m;

/**
 * Claude's prose as Markdown: headings, tables, code blocks highlighted by their language. Raw HTML in it is shown as
 * text, never run; links open in a new tab.
 */
export function Markdown({ text }: { text: string }) {
  const wantsHighlight = NAMED_CODE_BLOCK.test(text);
  const [plugins, setPlugins] = useState(loadedPlugins);
  useEffect(() => {
    if (!wantsHighlight || plugins) return;
    let current = true;
    void loadHighlighter().then((loaded) => {
      loadedPlugins = loaded;
      if (current) setPlugins(loaded);
    });
    return () => {
      current = false;
    };
  }, [wantsHighlight, plugins]);
  return (
    <div className="markdown font-sans">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={wantsHighlight ? plugins : undefined}
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
