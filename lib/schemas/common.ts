import { z } from "zod";

/** Every error answer: RFC 9457 problem details plus our code and field errors. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: "https://api.example.com/docs/errors#validation_failed" }),
    title: z.string().meta({ example: "Validation failed" }),
    status: z.number().int().meta({ example: 422 }),
    code: z.string().meta({ example: "validation_failed" }),
    detail: z.string().meta({ example: "name is required" }),
    request_id: z.string().meta({ example: "req_3Lw9bXkQ2mV7cT1aZp0Y" }),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .meta({ id: "Problem", description: "An error, as application/problem+json" });

export const isoTimestamp = z
  .string()
  .meta({ format: "date-time", example: "2026-04-18T09:14:00.000Z" });
