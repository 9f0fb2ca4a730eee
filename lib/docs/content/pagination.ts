import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/pagination/list-query";
import type { DocPage } from "../content-types";
import type { ContentContext } from "./context";

export function paginationPage(ctx: ContentContext): DocPage {
  const meta = ctx.schemaFields("PageMeta");
  const metaRows =
    meta.length > 0
      ? meta.map((field) => [
          `\`${field.name}\``,
          `${field.type}${field.nullable ? " or null" : ""}`,
          field.description,
        ])
      : [];
  return {
    slug: "pagination",
    title: "Pagination",
    description:
      "Every list answers with data and meta, and pages either by cursor or by page number; bad values are refused, never clamped.",
    group: "Concepts",
    sections: [
      {
        id: "shape",
        title: "What a list looks like",
        blocks: [
          {
            kind: "p",
            text: "Every list operation answers with the same two fields: `data`, the items of this page, and `meta`, which says where you are.",
          },
          {
            kind: "code",
            lang: "json",
            title: "A list answer",
            code: JSON.stringify(
              {
                data: [{ id: "res_Tn49WpXc2LmQ8vRb", name: "Analytics Pipeline", "...": "..." }],
                meta: {
                  page: 1,
                  per_page: DEFAULT_PAGE_SIZE,
                  total: 142,
                  next_cursor: "MjAyNi0wNC0yNFQxMjowMDowMC4wMDBafHJlc19UbjQ5V3BYYzJMbVE4dlJi",
                  has_more: true,
                },
              },
              null,
              2,
            ),
          },
          ...(metaRows.length > 0
            ? [
                {
                  kind: "table" as const,
                  caption: "The meta fields",
                  head: ["Field", "Type", "Meaning"],
                  rows: metaRows,
                },
              ]
            : []),
          {
            kind: "p",
            text: "Items are ordered newest first (by creation time, and by id among items created in the same millisecond). `total` counts every item that matches your filters.",
          },
        ],
      },
      {
        id: "cursor",
        title: "Cursor pagination",
        blocks: [
          {
            kind: "p",
            text: `Ask for up to \`limit\` items (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}). If \`meta.has_more\` is true, send \`meta.next_cursor\` back unchanged as \`cursor\` to get the next page; on the last page \`next_cursor\` is null. In cursor mode \`meta.page\` is null.`,
          },
          {
            kind: "p",
            text: "A cursor marks a position in the list rather than an offset, so items created while you walk the list do not shift it: you never see an item twice or skip one. This is the style to use for jobs that go through everything.",
          },
          { kind: "sample", id: "cursor-first-page" },
        ],
      },
      {
        id: "pages",
        title: "Page-number pagination",
        blocks: [
          {
            kind: "p",
            text: `For screens with numbered pages, use \`page\` (from 1) and \`per_page\` (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}). \`meta.total\` tells you how many pages there are. Items created while you page may move others to the next page, which cursors avoid.`,
          },
          { kind: "sample", id: "page-mode" },
          {
            kind: "p",
            text: "When you send none of these parameters, you get page 1 in page mode. That answer still has a `next_cursor`, so you can continue with cursors from there.",
          },
        ],
      },
      {
        id: "invalid",
        title: "Invalid values",
        blocks: [
          {
            kind: "p",
            text: "Values are never silently adjusted. Each of these answers `400 bad_request` with an `errors[]` entry naming the parameter:",
          },
          {
            kind: "list",
            items: [
              `\`limit\` or \`per_page\` outside 1 to ${MAX_PAGE_SIZE}, \`page\` below 1, or any of them not a whole number;`,
              "a `cursor` that was not produced by the API or was changed;",
              "`cursor` or `limit` combined with `page` or `per_page` (pick one style per request).",
            ],
          },
          { kind: "sample", id: "bad-limit" },
        ],
      },
    ],
  };
}
