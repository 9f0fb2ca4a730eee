import { authenticationPage } from "./content/authentication";
import { cliPage } from "./content/cli";
import type { ContentContext } from "./content/context";
import { deploymentsPage } from "./content/deployments";
import { errorsPage } from "./content/errors";
import { eventsPage } from "./content/events";
import { faqPage } from "./content/faq";
import { gettingStartedPage } from "./content/getting-started";
import { idempotencyPage } from "./content/idempotency";
import { overviewPage } from "./content/overview";
import { paginationPage } from "./content/pagination";
import { rateLimitsPage } from "./content/rate-limits";
import { resourcesPage } from "./content/resources";
import { sandboxPage } from "./content/sandbox";
import { teamsPage } from "./content/teams";
import { versioningPage } from "./content/versioning";
import { webhooksPage } from "./content/webhooks";
import type { DocPage } from "./content-types";

/** Every guide, in reading order (the sidebar, previous/next links and search follow it). */
export function docPages(ctx: ContentContext): DocPage[] {
  return [
    overviewPage(ctx),
    gettingStartedPage(),
    cliPage(),
    authenticationPage(ctx),
    errorsPage(),
    paginationPage(ctx),
    rateLimitsPage(ctx),
    idempotencyPage(),
    versioningPage(ctx),
    sandboxPage(),
    resourcesPage(ctx),
    eventsPage(ctx),
    webhooksPage(ctx),
    deploymentsPage(ctx),
    teamsPage(ctx),
    faqPage(ctx),
  ];
}

/** The slugs alone, for static paths: the same list without building the content. */
export const DOC_SLUGS = [
  "",
  "getting-started",
  "cli",
  "authentication",
  "errors",
  "pagination",
  "rate-limits",
  "idempotency",
  "versioning",
  "sandbox",
  "resources",
  "events",
  "webhooks",
  "deployments",
  "teams",
  "faq",
] as const;

/** A guide below /docs (the overview "" is /docs itself). */
export function isGuideSlug(slug: string): boolean {
  return slug !== "" && (DOC_SLUGS as readonly string[]).includes(slug);
}
