import type {
  ChromeProps,
  GuidePageProps,
  ReferenceIndexProps,
  TagPageProps,
} from "@/lib/docs/page-props";
import { htmlDocument } from "@/lib/docs/static-html";
import { GuidePage } from "./guide-page";
import { NotFoundPage } from "./not-found-page";
import { ReferenceIndexPage } from "./reference/reference-index-page";
import { TagPage } from "./reference/tag-page";

/** The docs pages as complete HTML documents (rendered on the server, once per base URL). */
export const guideHtml = (props: GuidePageProps) => htmlDocument(<GuidePage {...props} />);
export const referenceIndexHtml = (props: ReferenceIndexProps) =>
  htmlDocument(<ReferenceIndexPage {...props} />);
export const tagHtml = (props: TagPageProps) => htmlDocument(<TagPage {...props} />);
export const notFoundHtml = (props: ChromeProps) => htmlDocument(<NotFoundPage {...props} />);
