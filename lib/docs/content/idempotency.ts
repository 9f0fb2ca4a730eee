import { IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from "@/lib/idempotency/key-header";
import type { DocPage } from "../content-types";

export function idempotencyPage(): DocPage {
  return {
    slug: "idempotency",
    title: "Idempotency",
    description:
      "Send an Idempotency-Key with a POST and retry it as often as you need: the request takes effect once.",
    group: "Concepts",
    sections: [
      {
        id: "why",
        title: "Why it matters",
        blocks: [
          {
            kind: "p",
            text: "Networks fail in the worst places: a create can succeed on the server while the answer is lost on its way back. Retrying blindly may then create a second resource. With an idempotency key, the retry is recognised and answered with the result of the first attempt.",
          },
        ],
      },
      {
        id: "using-it",
        title: `Sending an ${IDEMPOTENCY_HEADER}`,
        blocks: [
          {
            kind: "p",
            text: `Every \`POST\` accepts an \`${IDEMPOTENCY_HEADER}\` header: any value of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters that you choose. Generate a new one (a UUID works well) for each operation you mean to perform, store it with the operation, and send the same value on every retry of that operation.`,
          },
          { kind: "sample", id: "idempotent-create" },
          {
            kind: "p",
            text: "`GET` and `DELETE` need no key: reading twice changes nothing, and deleting something already deleted answers `404`, which you can treat as done.",
          },
        ],
      },
      {
        id: "rules",
        title: "What the API does with it",
        blocks: [
          {
            kind: "table",
            caption: "Outcomes for a request with a key",
            head: ["Situation", "Answer"],
            rows: [
              [
                "First time the key is seen",
                "The request runs normally; its answer is stored with the key.",
              ],
              [
                "Same key, same method, path and body",
                "The stored status and body are sent again, with `Idempotent-Replayed: true`. Nothing runs twice.",
              ],
              [
                "Same key while the first request is still running",
                "`409 idempotency_key_in_use` with `Retry-After`; retry after it to get the stored answer.",
              ],
              [
                "Same key, different method, path or body",
                "`422 idempotency_key_mismatch`: the key belongs to another request.",
              ],
              [
                "The first attempt answered `429` or a `5xx`",
                "Nothing is stored, so a retry with the key runs the request again.",
              ],
              [
                `An empty key, one over ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, or non-printable characters`,
                "`400 bad_request` naming the header.",
              ],
            ],
          },
          {
            kind: "list",
            items: [
              "Keys are remembered for 24 hours. After that, the same key is treated as new.",
              "Keys belong to the project and environment of the API key that sent them: the same value in the sandbox and in live, or in two projects, does not collide.",
              "Many identical retries arriving at the same moment still create exactly one object.",
              "Validation errors (`4xx`) are stored like successes: retrying the same invalid request with the same key replays the same error. Fix the request and use a new key.",
            ],
          },
        ],
      },
    ],
  };
}
