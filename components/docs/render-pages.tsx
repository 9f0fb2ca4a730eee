import type { GuidePageProps, ReferenceIndexProps, TagPageProps } from "@/lib/docs/page-props";
import { htmlDocument } from "@/lib/docs/static-html";
import { GuidePage } from "./guide-page";
import { ReferenceIndexPage } from "./reference/reference-index-page";
import { TagPage } from "./reference/tag-page";

/** The docs pages as complete HTML documents (rendered once, at build time). */
export const guideHtml = (props: GuidePageProps) => htmlDocument(<GuidePage {...props} />);
export const referenceIndexHtml = (props: ReferenceIndexProps) =>
  htmlDocument(<ReferenceIndexPage {...props} />);
export const tagHtml = (props: TagPageProps) => htmlDocument(<TagPage {...props} />);
