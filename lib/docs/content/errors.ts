import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import type { DocPage } from "../content-types";
import { ERROR_GUIDE } from "../error-guide";
import { BASE_URL_TOKEN } from "../sample-code";

/** Every code of ERROR_CODES, in status order: the table cannot miss one. */
export function errorTableRows(): { ids: string[]; rows: string[][] } {
  const codes = (Object.keys(ERROR_CODES) as ErrorCode[]).sort(
    (a, b) => ERROR_CODES[a].status - ERROR_CODES[b].status,
  );
  return {
    ids: codes,
    rows: codes.map((code) => {
      const guide = ERROR_GUIDE[code];
      return [
        `\`${code}\``,
        `${ERROR_CODES[code].status} ${ERROR_CODES[code].title}`,
        guide?.meaning ?? ERROR_CODES[code].title,
        guide?.action ?? "",
      ];
    }),
  };
}

export function errorsPage(): DocPage {
  const table = errorTableRows();
  return {
    slug: "errors",
    title: "Errors",
    description:
      "Every error is a problem document with a stable code; here is each code, its status, what it means and what to do.",
    group: "Concepts",
    sections: [
      {
        id: "format",
        title: "The error format",
        blocks: [
          {
            kind: "p",
            text: "Errors follow RFC 9457 (problem details for HTTP APIs). The answer has `Content-Type: application/problem+json` and a body like this one:",
          },
          {
            kind: "code",
            lang: "json",
            title: "422 answer",
            code: JSON.stringify(
              {
                type: `${BASE_URL_TOKEN}/docs/errors#validation_failed`,
                title: "Validation failed",
                status: 422,
                code: "validation_failed",
                detail: "name is required",
                request_id: "req_3Lw9bXkQ2mV7cT1aZp0Y",
                errors: [{ field: "name", code: "required", message: "name is required" }],
              },
              null,
              2,
            ),
          },
          {
            kind: "table",
            caption: "Problem fields",
            head: ["Field", "What it holds"],
            rows: [
              ["`type`", "A link to this page, at the row of the code."],
              ["`title`", "A short summary that is the same for every error with this code."],
              ["`status`", "The HTTP status, always the same as the status line."],
              ["`code`", "The stable machine-readable code. Branch on this, not on the text."],
              [
                "`detail`",
                "A sentence for people about this particular failure. It may change wording; do not parse it.",
              ],
              ["`request_id`", "The id of this request, also sent as the `X-Request-Id` header."],
              [
                "`errors`",
                "Present when particular fields are at fault (on 400 and 422): a list of `field`, `code` and `message`.",
              ],
            ],
          },
          {
            kind: "p",
            text: "Problems with the URL, the query string or headers are `400 bad_request`; problems with the fields of a JSON body are `422 validation_failed`. Error answers never contain stack traces, SQL or other internals.",
          },
          { kind: "sample", id: "validation-failed" },
        ],
      },
      {
        id: "codes",
        title: "Error codes",
        blocks: [
          {
            kind: "p",
            text: "This table is generated from the API's own list of codes, so it always matches what the API can answer.",
          },
          {
            kind: "table",
            caption: "Every error code",
            head: ["Code", "Status", "Meaning", "What to do"],
            rows: table.rows,
            rowIds: table.ids,
          },
        ],
      },
      {
        id: "before-your-code-runs",
        title: "Checks before the operation",
        blocks: [
          {
            kind: "p",
            text: "Some checks happen before the API looks at your key or your data, in this order:",
          },
          {
            kind: "list",
            ordered: true,
            items: [
              "An unknown path answers `404 not_found`, and a known path with the wrong method `405 method_not_allowed` with an `Allow` header, even without a key.",
              "Where HTTPS is required, plain HTTP answers `403 https_required`.",
              "A body over 1 MiB answers `413 payload_too_large`; a body that is not declared as JSON `415 unsupported_media_type`; JSON that does not parse `400 bad_request`.",
              "Then the key is checked (`401`), the rate limit applied (`429`) and the `Idempotency-Key` handled (`409`, `422`). Only then does the operation look at your input (`400`, `422`), the key's scope (`403`) and your data (`404`, `409`).",
            ],
          },
          { kind: "sample", id: "not-found" },
        ],
      },
      {
        id: "retrying",
        title: "Which errors to retry",
        blocks: [
          {
            kind: "list",
            items: [
              "`429 rate_limited`: yes, after `Retry-After` seconds. See [Rate limits](/docs/rate-limits).",
              "`500 internal_error` and `503 service_unavailable`: yes, with exponential back-off and jitter. Send an `Idempotency-Key` with every `POST` so that a retry cannot create a duplicate.",
              "`409 idempotency_key_in_use`: yes, with the same key, after `Retry-After`.",
              "Every other 4xx: no. The same request will get the same answer until you change it.",
            ],
          },
        ],
      },
      {
        id: "support",
        title: "Reporting a problem",
        blocks: [
          {
            kind: "p",
            text: "Every answer carries `X-Request-Id`, and every error body repeats it as `request_id`. Log it with your own errors; it is what the operators of this deployment need to find your request in their logs.",
          },
        ],
      },
    ],
  };
}
