import { z } from "zod";

/**
 * The list parameters every list endpoint accepts. They stay strings here on purpose:
 * lib/pagination's parseListQuery checks ranges and combinations and names the bad parameter.
 */
export const paginationQueryShape = {
  limit: z
    .string()
    .optional()
    .meta({ description: "Cursor mode: items per page, 1-100 (default 25)", example: "25" }),
  cursor: z
    .string()
    .optional()
    .meta({ description: "Cursor mode: meta.next_cursor of the previous page, unchanged" }),
  page: z
    .string()
    .optional()
    .meta({ description: "Page mode: page number from 1 (default 1)", example: "1" }),
  per_page: z
    .string()
    .optional()
    .meta({ description: "Page mode: items per page, 1-100 (default 25)", example: "25" }),
};

export const pageMetaSchema = z
  .object({
    page: z.number().int().nullable().meta({ description: "null in cursor mode", example: 1 }),
    per_page: z.number().int().meta({ example: 25 }),
    total: z.number().int().meta({ description: "Matching items, filters applied", example: 142 }),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as ?cursor= for the next page; null on the last page" }),
    has_more: z.boolean(),
  })
  .meta({ id: "PageMeta" });

/** `{ data: [...], meta }`, the body of every list answer. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), meta: pageMetaSchema }).meta({ id });
}
