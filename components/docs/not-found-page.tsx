import type { ChromeProps } from "@/lib/docs/page-props";
import { DocsDocument } from "./docs-document";
import { DocsFrame } from "./docs-frame";

const TITLE = "Page not found";
const DESCRIPTION = "There is no docs page at this address; it may have moved.";

/** A docs address that names no guide or reference area: the docs' frame, search and menu. */
export function NotFoundPage({ chrome, assets, stylesheets }: ChromeProps) {
  return (
    <DocsDocument title={TITLE} description={DESCRIPTION} stylesheets={stylesheets}>
      <DocsFrame chrome={chrome} assets={assets} toc={[]} title={TITLE} description={DESCRIPTION}>
        <p className="my-4 leading-7">
          Search the docs above, pick a page from the menu, or start at the{" "}
          <a href="/docs" className="font-medium text-primary underline underline-offset-2">
            overview
          </a>{" "}
          or the{" "}
          <a href="/docs/api" className="font-medium text-primary underline underline-offset-2">
            API reference
          </a>
          .
        </p>
      </DocsFrame>
    </DocsDocument>
  );
}
