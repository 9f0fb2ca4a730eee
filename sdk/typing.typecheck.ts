// Compile-time checks of the SDK's types, run by `npm run typecheck` (never executed): each
// line marked as an expected error must be refused by tsc, or the unused directive fails it.
import { createClient } from "./index";

export async function typeChecks(): Promise<void> {
  const client = createClient({ apiKey: "sk_test_x", baseUrl: "http://localhost:3000" });

  const created = await client.POST("/v1/resources", {
    body: { name: "web-1", region: "eu-west-1", type: "instance" },
  });
  const id: string = created.data.id;
  const status: "provisioning" | "active" | "failed" | "stopped" | string = created.data.status;

  const fetched = await client.GET("/v1/resources/{id}", { params: { path: { id } } });
  fetched.data.region.toUpperCase();

  await client.POST("/v1/resources", { body: { name: "x" }, idempotencyKey: false });

  // @ts-expect-error an unknown path
  await client.GET("/v1/no-such-thing");

  // @ts-expect-error a body without the required name
  await client.POST("/v1/resources", { body: { region: "eu-west-1" } });

  // @ts-expect-error a field the schema does not have
  await client.POST("/v1/resources", { body: { name: "x", colour: "red" } });

  // @ts-expect-error a type that does not exist
  await client.POST("/v1/resources", { body: { name: "x", type: "mainframe" } });

  // @ts-expect-error a path parameter is required
  await client.GET("/v1/resources/{id}");

  // @ts-expect-error PATCH is not a method of /v1/regions
  await client.PATCH("/v1/regions", {});

  for await (const resource of client.paginate("/v1/resources", { type: "instance" })) {
    resource.name.toUpperCase();
    // @ts-expect-error resources have no such field
    resource.colour;
  }
  // @ts-expect-error not a list
  client.paginate("/v1/billing/summary");
  // @ts-expect-error not a filter of this list
  client.paginate("/v1/resources", { colour: "red" });

  for await (const event of client.events.stream({ types: ["resource.*"] })) {
    event.type.toUpperCase();
  }
  const active = await client.waitFor(id as `res_${string}`, "active");
  active.spec;
  const text = await client.GET("/v1/regions", { parseAs: "text" });
  text.data.trim();
  void status;
}
