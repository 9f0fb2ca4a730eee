import type { TagPageProps } from "@/lib/docs/page-props";
import { DocsDocument } from "../docs-document";
import { DocsFrame } from "../docs-frame";
import { OperationSection } from "./operation-section";

export function TagPage({ chrome, assets, stylesheets, tag, proxy }: TagPageProps) {
  const title = `${tag.name} API`;
  const description = tag.description || `The ${tag.name} operations of the Cloud API.`;
  const toc = tag.operations.map((op) => ({ id: op.anchor, title: op.summary, level: 2 as const }));
  return (
    <DocsDocument title={title} description={description} stylesheets={stylesheets}>
      <DocsFrame chrome={chrome} assets={assets} toc={toc} title={title} description={description}>
        {tag.operations.map((op) => (
          <OperationSection
            key={op.anchor}
            op={op}
            proxyBase={proxy.base}
            environmentHeader={proxy.environmentHeader}
          />
        ))}
      </DocsFrame>
    </DocsDocument>
  );
}
