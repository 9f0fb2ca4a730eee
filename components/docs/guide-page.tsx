import type { GuidePageProps } from "@/lib/docs/page-props";
import { Blocks } from "./blocks";
import { DocsDocument } from "./docs-document";
import { DocsFrame } from "./docs-frame";
import { Heading } from "./heading";

/** A guide: its sections and sub-sections in order, each heading linkable. */
export function GuidePage({ chrome, assets, stylesheets, guide }: GuidePageProps) {
  return (
    <DocsDocument title={guide.title} description={guide.description} stylesheets={stylesheets}>
      <DocsFrame
        chrome={chrome}
        assets={assets}
        toc={guide.toc}
        title={guide.title}
        description={guide.description}
      >
        {guide.sections.map((section) => (
          <section key={section.id} aria-labelledby={section.id}>
            <Heading level={2} id={section.id} label={section.title}>
              {section.title}
            </Heading>
            <Blocks blocks={section.blocks} uid={section.id} />
            {section.subsections.map((sub) => (
              <section key={sub.id} aria-labelledby={sub.id}>
                <Heading level={3} id={sub.id} label={sub.title}>
                  {sub.title}
                </Heading>
                <Blocks blocks={sub.blocks} uid={sub.id} />
              </section>
            ))}
          </section>
        ))}
      </DocsFrame>
    </DocsDocument>
  );
}
