import { readFileSync } from "node:fs";
import { CloudWaitError, type Deployment } from "@/sdk";
import { callApi } from "../api";
import { UsageError } from "../errors";
import { integerOption, stringOption } from "../options";
import { isRecord } from "../request";
import type { CommandContext, CommandInput, CommandSpec, OptionSpec, TableView } from "../spec";
import { callAndPrint, envPollIntervalMs, getCommand, listCommand } from "./builders";
import { CREATED, dollars } from "./views";

const DEPLOYMENT_ID = "dep_3Lw9bXkQ2mV7cT1aZp0Y";

const DEPLOYMENT_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "SERVICE", path: "service" },
    { header: "REV", path: "revision" },
    { header: "STATUS", path: "status" },
    { header: "REGIONS", path: "regions" },
    {
      header: "PROGRESS",
      path: "progress",
      format: (v) =>
        isRecord(v)
          ? `${String(v.succeeded)}/${String(v.total)}${v.failed ? ` (${String(v.failed)} failed)` : ""}`
          : "",
    },
    CREATED,
  ],
};

const PLAN_VIEW: TableView = {
  columns: [
    { header: "REGION", path: "region" },
    { header: "AVAILABLE", path: "available" },
    {
      header: "CHANGES",
      path: "changes",
      format: (v) =>
        Array.isArray(v)
          ? v
              .filter(isRecord)
              .map((c) => `${String(c.action)} ${String(c.count)} ${String(c.resource_type)}`)
              .join(", ")
          : "",
    },
    { header: "COST BEFORE", path: "monthly_cost_before", format: dollars },
    { header: "COST AFTER", path: "monthly_cost_after", format: dollars },
  ],
  rows: (value) => (isRecord(value) && Array.isArray(value.regions) ? value.regions : []),
};

/** The body flags of plan and create; --file gives a whole body the flags then override. */
const INPUT_OPTIONS: OptionSpec[] = [
  { flags: "--service <name>", description: "The service's name", to: { body: "service" } },
  {
    flags: "--size <size>",
    description: "Instance size (default s-1vcpu-1gb)",
    to: { body: "template.size" },
  },
  {
    flags: "--image <image>",
    description: "Instance image (default ubuntu-24.04)",
    to: { body: "template.image" },
  },
  {
    flags: "--count <n>",
    description: "Instances per region",
    to: { body: "template.count", as: "integer" },
  },
  {
    flags: "--load-balancer",
    description: "A load balancer per region in front of the instances",
    to: { body: "template.load_balancer", as: "flag" },
  },
  {
    flags: "--volume-gb <n>",
    description: "A volume of this size attached to each instance",
    to: { body: "template.volume_gb", as: "integer" },
  },
  {
    flags: "--region <slug>",
    description: "A region to deploy to; repeat for several (waves follow this order)",
    repeatable: true,
    to: { body: "regions" },
  },
  {
    flags: "--strategy <type>",
    description: "How regions change (default rolling)",
    choices: ["rolling", "parallel", "canary"],
    to: { body: "strategy.type" },
  },
  {
    flags: "--canary-region <slug>",
    description: "With --strategy canary: the region changed first",
    to: { body: "strategy.canary_region" },
  },
  {
    flags: "--bake <seconds>",
    description: "How long each wave stays healthy before the next starts",
    to: { body: "strategy.bake_seconds", as: "integer" },
  },
  {
    flags: "--on-failure <what>",
    description: "After a failed region (default rollback)",
    choices: ["rollback", "halt"],
    to: { body: "on_failure" },
  },
  {
    flags: "--progress-deadline <seconds>",
    description: "A region not healthy by then fails (default 600)",
    to: { body: "progress_deadline_seconds", as: "integer" },
  },
  {
    flags: "--file <path>",
    description: "The whole body as a JSON file (waves, approvals); flags override its fields",
  },
];

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isRecord(below) && isRecord(value) ? deepMerge(below, value) : value;
  }
  return out;
}

/** --bake or --canary-region alone mean the API's default strategy, rolling. */
function withStrategyType(body: unknown): unknown {
  if (!isRecord(body) || !isRecord(body.strategy) || body.strategy.type !== undefined) return body;
  return { ...body, strategy: { type: "rolling", ...body.strategy } };
}

/** The command's call with --file's body under the flags' fields. */
function inputCall(input: CommandInput) {
  const call = input.call();
  const file = stringOption(input, "--file <path>");
  if (file === undefined) return { ...call, body: withStrategyType(call.body) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isRecord(parsed)) throw new UsageError(`--file ${file} must hold a JSON object`);
  return {
    ...call,
    body: withStrategyType(deepMerge(parsed, isRecord(call.body) ? call.body : {})),
  };
}

function progressLine(d: Deployment): string {
  const regions = d.targets
    .map((t) => `${t.region} ${t.status} ${t.resources.active}/${t.resources.desired}`)
    .join(", ");
  const wave = d.current_wave !== null ? ` wave ${d.current_wave + 1}/${d.waves.length}` : "";
  return `${d.id} ${d.status}${wave}: ${regions}\n`;
}

/** --wait: progress lines on stderr, the final deployment on stdout, exit 1 unless succeeded. */
async function waitForOutcome(ctx: CommandContext, input: CommandInput, id: string) {
  const timeoutSeconds = integerOption(input, "--timeout <seconds>") ?? 1800;
  const client = ctx.client();
  const done = await client.deployments.waitFor(id, {
    timeoutMs: timeoutSeconds * 1000,
    intervalMs: envPollIntervalMs(ctx) ?? 2000,
    onProgress: (d) => ctx.io.stderr.write(progressLine(d)),
  });
  const answer = await callApi(client, {
    method: "GET",
    path: "/v1/deployments/{id}",
    params: { path: { id } },
  });
  ctx.output.answer(answer, DEPLOYMENT_VIEW);
  if (done.status !== "succeeded") {
    const reason = done.failure_reason ? `: ${done.failure_reason}` : "";
    throw new CloudWaitError("terminal_status", id, done, `${id} ended ${done.status}${reason}`);
  }
}

function action(
  name: string,
  summary: string,
  example = `cloud deployments ${name} ${DEPLOYMENT_ID}`,
): CommandSpec {
  return {
    path: ["deployments", name],
    summary,
    args: [{ name: "id", description: "The deployment's id" }],
    examples: [example],
    request: { method: "POST", path: `/v1/deployments/{id}/${name}` },
    run: (ctx, input) => callAndPrint(ctx, input, DEPLOYMENT_VIEW),
  };
}

export const deploymentCommands: CommandSpec[] = [
  {
    path: ["deployments", "plan"],
    summary: "Dry-run a deployment: per-region changes and monthly cost",
    options: INPUT_OPTIONS,
    examples: [
      "cloud deployments plan --service web --count 2 --region us-east-1 --region eu-west-1",
      "cloud deployments plan --file deploy.json -o json | jq .monthly_cost_delta",
    ],
    request: { method: "POST", path: "/v1/deployments/plan" },
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), inputCall(input));
      ctx.output.answer(answer, PLAN_VIEW);
      if (isRecord(answer.value)) {
        const { id, monthly_cost_delta: delta } = answer.value;
        ctx.output.note(
          `\nPlan ${String(id)}: ${dollars(delta)} a month more (create --plan ${String(id)} holds a deployment to it)`,
        );
      }
    },
  },
  {
    path: ["deployments", "create"],
    summary: "Roll a service out to regions, wave by wave",
    description:
      "Queues a deployment. With --wait it prints each region's progress on stderr until the deployment ends, then the deployment; the exit code is 0 only when it succeeded (1 when it failed, rolled back, was canceled or rejected).",
    options: [
      ...INPUT_OPTIONS,
      {
        flags: "--plan <plan-id>",
        description: "Hold the deployment to this plan (409 plan_stale if the service moved)",
        to: { body: "plan_id" },
      },
      { flags: "--wait", description: "Wait until it ends; exit 0 only if it succeeded" },
      {
        flags: "--timeout <seconds>",
        description: "Give up waiting after this long (default 1800)",
      },
    ],
    examples: [
      "cloud deployments create --service web --count 2 --region us-east-1 --region eu-west-1 --wait",
      "cloud deployments create --file deploy.json --strategy canary --canary-region us-east-1",
    ],
    request: { method: "POST", path: "/v1/deployments" },
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), inputCall(input));
      const id = isRecord(answer.value) ? answer.value.id : undefined;
      if (input.options.wait && typeof id === "string") return waitForOutcome(ctx, input, id);
      ctx.output.answer(answer, DEPLOYMENT_VIEW);
    },
  },
  getCommand({
    path: ["deployments", "get"],
    summary: "Show one deployment (-o json for each region's steps)",
    api: "/v1/deployments/{id}",
    view: DEPLOYMENT_VIEW,
    examples: [
      `cloud deployments get ${DEPLOYMENT_ID}`,
      `cloud deployments get ${DEPLOYMENT_ID} -o json | jq '.targets[].status'`,
    ],
  }),
  listCommand({
    path: ["deployments", "list"],
    summary: "List deployments, newest first",
    api: "/v1/deployments",
    filters: [
      { flags: "--service <name>", description: "Only this service's", to: { query: "service" } },
      {
        flags: "--status <status>",
        description: "Only deployments in this status",
        to: { query: "status" },
      },
    ],
    view: DEPLOYMENT_VIEW,
    examples: [
      "cloud deployments list --service web",
      "cloud deployments list --status in_progress -q",
    ],
  }),
  action("pause", "Hold a deployment before its next step"),
  action("resume", "Go on with a paused deployment"),
  action("approve", "Let a wave that waits for approval start (not by its creator)"),
  action("reject", "Refuse a wave that waits for approval; the deployment ends rejected"),
  action("cancel", "Stop a deployment; regions already changed stay changed"),
  action(
    "rollback",
    "Undo a deployment: roll back one in progress, or redeploy the previous revision",
  ),
];
