import { Fragment } from "react";
import type { SampleView } from "@/lib/docs/view-types";
import { InlineText } from "./inline-text";

const copyClass =
  "ml-auto rounded-md border bg-background px-2 py-0.5 font-medium text-xs text-foreground hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring";

/** Works with the page script; a <noscript> style hides it where scripts do not run. */
function CopyButton() {
  return (
    <button type="button" data-copy="" className={copyClass}>
      Copy
    </button>
  );
}

export function CodeBlock({ title, html }: { title: string; html: string }) {
  return (
    <figure className="docs-code my-5 overflow-hidden rounded-lg border">
      <figcaption className="flex items-center gap-2 border-b bg-card px-3 py-1.5 text-muted-foreground text-xs">
        <span>{title}</span>
        <CopyButton />
      </figcaption>
      {/* Highlighted at build time from our own sample text. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: build-time shiki output of our own code */}
      <div data-panel="code" dangerouslySetInnerHTML={{ __html: html }} />
    </figure>
  );
}

const tabClass =
  "cursor-pointer rounded px-2 py-0.5 font-medium text-xs text-muted-foreground hover:text-foreground";

/** The languages of a sample, in tab order; a client that cannot send the request has none. */
function panelsOf(sample: SampleView): Array<{ value: string; label: string; html: string }> {
  const panels = [
    { value: "curl", label: "curl", html: sample.curlHtml },
    { value: "javascript", label: "JavaScript", html: sample.javascriptHtml },
    { value: "sdk", label: "SDK", html: sample.sdkHtml },
    { value: "cli", label: "CLI", html: sample.cliHtml },
  ];
  return panels.filter((p): p is { value: string; label: string; html: string } => p.html !== null);
}

/** A runnable sample: curl, JavaScript, the SDK and the CLI, switched by radio buttons (no script needed). */
export function SampleBlock({ sample, uid }: { sample: SampleView; uid: string }) {
  const name = `lang-${uid}`;
  const panels = panelsOf(sample);
  return (
    <figure
      className="docs-sample docs-code my-5 overflow-hidden rounded-lg border"
      data-sample={sample.id}
    >
      <figcaption className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b bg-card px-3 py-1.5 text-xs">
        <span className="font-medium text-foreground">{sample.title}</span>
        {sample.operation && sample.operationHref ? (
          <a
            href={sample.operationHref}
            className="font-mono text-muted-foreground underline-offset-2 hover:underline"
          >
            <InlineText text={sample.operation} />
          </a>
        ) : null}
        <fieldset className="ml-auto flex items-center gap-1 rounded-md bg-muted p-0.5">
          <legend className="sr-only">Language for {sample.title}</legend>
          {panels.map((panel) => (
            <Fragment key={panel.value}>
              <input
                type="radio"
                className="sr-only"
                name={name}
                id={`${name}-${panel.value}`}
                value={panel.value}
                data-lang=""
                defaultChecked={panel.value === "curl"}
              />
              <label htmlFor={`${name}-${panel.value}`} className={tabClass}>
                {panel.label}
              </label>
            </Fragment>
          ))}
        </fieldset>
        <CopyButton />
      </figcaption>
      {panels.map((panel) => (
        <div
          key={panel.value}
          data-panel={panel.value}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: build-time shiki output of our own samples
          dangerouslySetInnerHTML={{ __html: panel.html }}
        />
      ))}
    </figure>
  );
}
