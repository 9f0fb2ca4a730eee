// Calls the SDK's types must refuse. sdk/typing.test.ts runs tsc on this file and expects an
// error on exactly the lines marked "refused" (and on no other line).
import { createClient } from "../index";

export async function misuse(): Promise<void> {
  const client = createClient();
  await client.GET("/v1/instancez"); // refused: unknown path
  await client.POST("/v1/resources", { body: { region: "eu-west-1" } }); // refused: no name
  await client.POST("/v1/resources", { body: { name: "a", size: "huge" } }); // refused: no such field
  await client.POST("/v1/instances/{id}/actions", {
    params: { path: { id: "res_1" } },
    body: { type: "explode" }, // refused: not an instance action
  });
  await client.GET("/v1/resources/{id}"); // refused: the id is required
  const { data } = await client.GET("/v1/regions");
  data.data[0]?.slug.toFixed(); // refused: slug is a string
  await client.GET("/v1/resources", { params: { query: { colour: "red" } } }); // refused: no such filter
}
