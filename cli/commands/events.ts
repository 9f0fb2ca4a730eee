import { commaList, eventFeed, FEED_OPTIONS, wantsJsonLines } from "../event-feed";
import type { CommandSpec, TableView } from "../spec";
import { callAndPrint, getCommand, listCommand } from "./builders";
import { EVENT_VIEW, when } from "./views";

const EVENT_ID = "evt_9Kx2Lq7WmT4cVb8N";

const EVENT_TYPE_VIEW: TableView = {
  columns: [
    { header: "TYPE", path: "type" },
    { header: "DESCRIPTION", path: "description" },
  ],
};

export const JSON_LINES_OPTION = {
  flags: "--json",
  description: "One JSON object per line (as -o json does)",
};

export const eventCommands: CommandSpec[] = [
  listCommand({
    path: ["events", "list"],
    summary: "List what happened in the project, newest first",
    api: "/v1/events",
    filters: [
      {
        flags: "--type <type>",
        description: "An event type, or a family: resource.*",
        to: { query: "type" },
      },
      {
        flags: "--object <id>",
        description: "Only events about this object",
        to: { query: "object_id" },
      },
      {
        flags: "--after <event-id>",
        description: "Only events after this one, oldest first",
        to: { query: "after" },
      },
    ],
    view: EVENT_VIEW,
    examples: [
      "cloud events list --type 'resource.*'",
      "cloud events list --object res_Tn49WpXc2LmQ8vRb",
    ],
  }),
  getCommand({
    path: ["events", "get"],
    summary: "Show one event, with its data",
    api: "/v1/events/{id}",
    view: EVENT_VIEW,
    examples: [`cloud events get ${EVENT_ID} -o json | jq .data`],
  }),
  {
    path: ["events", "types"],
    summary: "Every event type the platform emits, with what it means",
    examples: ["cloud events types", "cloud events types -o json | jq -r '.data[].type'"],
    request: { method: "GET", path: "/v1/event-types" },
    run: (ctx, input) => callAndPrint(ctx, input, EVENT_TYPE_VIEW),
  },
  {
    path: ["events", "tail"],
    summary: "Print events as they happen; reconnects and resumes after a drop",
    description:
      "Prints events as they happen, one line each, until stopped. After a drop it reconnects and resumes after the last event printed, so none is missed or repeated; after 5 failed reconnects in a row it exits 1.",
    options: [
      {
        flags: "--type <types>",
        description: "Event types or families, comma-separated: resource.created,volume.*",
        to: { query: "type" },
      },
      {
        flags: "--object-id <id>",
        description: "Only events about this object",
        to: { query: "object_id" },
      },
      ...FEED_OPTIONS,
      JSON_LINES_OPTION,
    ],
    examples: [
      "cloud events tail --type 'resource.*,deployment.*'",
      "cloud events tail --object-id res_Tn49WpXc2LmQ8vRb --json | jq .type",
      `cloud events tail --after ${EVENT_ID} --max-events 10`,
    ],
    request: { method: "GET", path: "/v1/events/stream" },
    async run(ctx, input) {
      const json = wantsJsonLines(ctx, input);
      const feed = eventFeed(ctx, input, {
        types: commaList(input, "--type <types>"),
        objectId: input.options.objectId as string | undefined,
      });
      for await (const event of feed) {
        if (json) ctx.io.stdout.write(`${JSON.stringify(event)}\n`);
        else if (ctx.output.quiet) ctx.io.stdout.write(`${event.id}\n`);
        else {
          const time = when(event.created_at);
          ctx.io.stdout.write(
            `${time}  ${event.type.padEnd(28)} ${(event.object_id ?? "-").padEnd(22)} ${event.id}\n`,
          );
        }
      }
    },
  },
];
