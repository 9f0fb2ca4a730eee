import type { ReferenceIndexProps } from "@/lib/docs/page-props";
import { DocsDocument } from "../docs-document";
import { DocsFrame } from "../docs-frame";
import { Heading } from "../heading";
import { MethodBadge } from "./method-badge";

const TITLE = "API reference";
const DESCRIPTION =
  "Every operation of the Cloud API with its parameters, bodies, answers, errors and examples, generated from the API's own OpenAPI document.";

export function ReferenceIndexPage({
  chrome,
  assets,
  stylesheets,
  tags,
  operationCount,
}: ReferenceIndexProps) {
  const toc = tags.map((tag) => ({ id: tag.slug, title: tag.name, level: 2 as const }));
  return (
    <DocsDocument title={TITLE} description={DESCRIPTION} stylesheets={stylesheets}>
      <DocsFrame chrome={chrome} assets={assets} toc={toc} title={TITLE} description={DESCRIPTION}>
        <p className="my-4 leading-7">
          {operationCount} operations, grouped by area. Each has a curl and a JavaScript example,
          and signed-in members can send it to their sandbox with{" "}
          <strong className="font-semibold">Try it</strong>. The same description is available as
          OpenAPI 3.1 at{" "}
          <a
            href="/v1/openapi.json"
            className="font-medium text-primary underline underline-offset-2"
          >
            /v1/openapi.json
          </a>{" "}
          for code generators and API tools.
        </p>
        {tags.map((tag) => (
          <section key={tag.slug} aria-labelledby={tag.slug}>
            <Heading level={2} id={tag.slug} label={tag.name}>
              <a href={`/docs/api/${tag.slug}`} className="hover:underline">
                {tag.name}
              </a>
            </Heading>
            {tag.description ? (
              <p className="my-2 text-muted-foreground">{tag.description}</p>
            ) : null}
            <ul className="my-3 grid gap-1.5">
              {tag.operations.map((op) => (
                <li key={op.href}>
                  <a
                    href={op.href}
                    className="group flex flex-wrap items-center gap-2 rounded-md py-1"
                  >
                    <MethodBadge method={op.method} />
                    <code className="min-w-0 font-mono text-sm [overflow-wrap:anywhere] group-hover:underline">
                      {op.path}
                    </code>
                    <span className="text-muted-foreground">{op.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </DocsFrame>
    </DocsDocument>
  );
}
