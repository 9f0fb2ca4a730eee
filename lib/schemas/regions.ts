import { z } from "zod";

export const regionSchema = z
  .object({
    slug: z.string().meta({ example: "eu-west-1" }),
    name: z.string().meta({ example: "EU West (Ireland)" }),
    country: z.string().meta({ example: "IE" }),
    available: z.boolean(),
    resource_types: z.array(z.string()),
  })
  .meta({ id: "Region" });

export const regionListSchema = z
  .object({ data: z.array(regionSchema) })
  .meta({ id: "RegionList" });

export type RegionDto = z.infer<typeof regionSchema>;
