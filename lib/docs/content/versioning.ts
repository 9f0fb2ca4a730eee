import type { DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

export function versioningPage(ctx: ContentContext): DocPage {
  return {
    slug: "versioning",
    title: "Versioning",
    description:
      "The version is part of the path; v1 is the current and only version, and breaking changes only ever come under a new prefix.",
    group: "Concepts",
    sections: [
      {
        id: "in-the-path",
        title: "The version is in the path",
        blocks: [
          {
            kind: "p",
            text: "Every path starts with the major version, `/v1` today. A request for a version that does not exist answers `404 not_found`, and its `detail` lists the versions that do:",
          },
          { kind: "sample", id: "unknown-version" },
        ],
      },
      {
        id: "compatibility",
        title: "What can change within v1",
        blocks: [
          {
            kind: "p",
            text: "Within a version, changes are additive only. Your integration should keep working when:",
          },
          {
            kind: "list",
            items: [
              "new operations or new optional parameters appear;",
              "answers gain new fields (ignore fields you do not know);",
              'enumerations such as event types or resource statuses gain new values (treat unknown values as "other");',
              "the wording of `detail` messages changes (branch on `code`, never on text).",
            ],
          },
          {
            kind: "p",
            text: "Removing or renaming a field, changing a type or a default, or making an optional parameter required is a breaking change and only happens in a new major version.",
          },
        ],
      },
      {
        id: "new-versions",
        title: "When a new version ships",
        blocks: [
          {
            kind: "p",
            text: "v1 is the only version so far. When a new major version is released, the previous one stays available for at least 12 months, and a migration guide listing every breaking change is published with the new version.",
          },
          {
            kind: "p",
            text: `The exact contract of the current version is always available as OpenAPI 3.1 at ${opLink(ctx, "GET /v1/openapi.json")}.`,
          },
        ],
      },
    ],
  };
}
