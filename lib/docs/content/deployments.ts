import { ROLES, roleCan } from "@/lib/catalog/roles";
import { STEP_NAMES } from "@/lib/deployments/deployment-store";
import { DEPLOYMENT_EVENT_TYPES } from "@/lib/deployments/event-types";
import { PLAN_TTL_MS } from "@/lib/deployments/plan-deployment";
import {
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  DEPLOYMENT_STATUSES,
  type DeploymentStatus,
  FINISHED_DEPLOYMENT_STATUSES,
  MAX_INSTANCES_PER_REGION,
  TARGET_STATUSES,
  type TargetStatus,
} from "@/lib/schemas/deployments";
import type { DocPage } from "../content-types";
import { type ContentContext, opLink } from "./context";

/** What each status means; keyed by the schema's own list, so a new status fails typecheck here. */
const STATUS_MEANING: Record<DeploymentStatus, string> = {
  queued: "Accepted; the orchestration has not picked it up yet.",
  in_progress: "A wave is changing its regions.",
  paused: "Someone paused it: what was running finishes, nothing new starts.",
  awaiting_approval: "The next wave is gated and waits for a second member.",
  succeeded: "Every region is healthy and baked; the old revision is being removed.",
  failed: "A region failed and `on_failure` was `halt`: nothing was undone.",
  rolling_back: "Deleting what this deployment made, after a failure, a cancel or a rollback.",
  rolled_back: "What it made is gone; the previous revision serves as before.",
  rollback_failed:
    "The rollback could not delete everything it made: needs a person. Never a success.",
  canceled: "Stopped by a member; the regions it had changed were rolled back.",
  rejected: "A gated wave was refused; the regions already changed were rolled back.",
};

const TARGET_MEANING: Record<TargetStatus, string> = {
  pending: "Its wave has not reached it yet.",
  in_progress: "Resources are being made; waiting for all of them to be `active`.",
  baking: "Healthy; must stay so for the wave's `bake_seconds`.",
  succeeded: "Healthy for the whole bake.",
  failed: "Unhealthy, too slow, or its region went away; `steps` says which.",
  rolled_back: "What the deployment made in this region was deleted.",
  skipped: "Never started: an earlier failure, a cancel or a rejection came first.",
};

const writers = ROLES.filter((role) => roleCan(role, "deployments:write"));
const readers = ROLES.filter(
  (role) => roleCan(role, "deployments:read") && !roleCan(role, "deployments:write"),
);
const roleList = (roles: readonly string[]) => roles.map((r) => `\`${r}\``).join(", ");
const finishedList = FINISHED_DEPLOYMENT_STATUSES.map((s) => `\`${s}\``).join(", ");

export function deploymentsPage(ctx: ContentContext): DocPage {
  const plan = opLink(ctx, "POST /v1/deployments/plan");
  const create = opLink(ctx, "POST /v1/deployments");
  const get = opLink(ctx, "GET /v1/deployments/{id}");
  return {
    slug: "deployments",
    title: "Deployments",
    description:
      "Roll a service out to several regions in waves: plan it with a per-region diff and cost, gate waves behind approvals, pause, cancel or roll back, and wait for the outcome from CI.",
    group: "Concepts",
    sections: [
      {
        id: "model",
        title: "Services, deployments and revisions",
        blocks: [
          {
            kind: "p",
            text: `A **service** is a name (\`web\`, \`checkout\`) and a template: an instance \`size\` and \`image\`, a \`count\` of instances per region (1 to ${MAX_INSTANCES_PER_REGION}), and optionally a load balancer per region in front of them (\`load_balancer: true\`) and a volume of \`volume_gb\` for each instance. A **deployment** (\`dep_...\`) takes one version of that template to a list of regions. Each deployment of a service gets the next **revision** number, starting at 1.`,
          },
          {
            kind: "p",
            text: "Nothing is simulated: a deployment makes ordinary resources, the same ones [Resources](/docs/resources) describes, labelled `service=<name>` and `deployment=<dep id>`. You can list them with `GET /v1/resources`, and they are metered and billed like any other.",
          },
          {
            kind: "p",
            text: "A new revision is rolled out **blue/green** inside each region: it gets instances of its own, next to the ones already serving. The old revision's resources are deleted only once the whole deployment has succeeded (the `cutover` step), so going back never has to rebuild anything: undoing a deployment just deletes what it made.",
          },
          {
            kind: "p",
            text: `A region (a **target**) counts as **healthy** when every resource the deployment made there is \`active\` and the region is available, within \`progress_deadline_seconds\` of the target starting (${DEFAULT_PROGRESS_DEADLINE_SECONDS} by default). Each target goes through the steps ${STEP_NAMES.map((s) => `\`${s}\``).join(", ")}; a region the new revision no longer lists gets a single \`remove\` step, run after every wave has succeeded.`,
          },
          {
            kind: "p",
            text: `Deployments need the \`deployments:write\` scope to start or steer and \`deployments:read\` to plan and watch. Of the member roles, ${roleList(writers)} may deploy; ${roleList(readers)} may only look. Deployments made with a \`sk_test_\` key run in the [Sandbox](/docs/sandbox) and only ever touch Sandbox resources.`,
          },
        ],
      },
      {
        id: "plan",
        title: "Plan first: the diff and the cost",
        blocks: [
          {
            kind: "p",
            text: `${plan} takes exactly the body a deployment takes, checks it the same way (unknown or unavailable regions, waves, sizes) and changes nothing. For every region it answers what would happen to each kind of resource (\`create\`, \`replace\`, \`delete\` or \`keep\`, with counts, size and image), whether the region is available, and the monthly cost there before and after, in cents at your plan's list prices; \`monthly_cost_delta\` adds the regions up.`,
          },
          { kind: "sample", id: "plan-deployment" },
          {
            kind: "p",
            text: `A plan is kept for ${PLAN_TTL_MS / 3_600_000} hour (\`expires_at\`). Pass its id as \`plan_id\` when you deploy to make sure you get what you reviewed: if what the service runs has changed since the plan was made (another deployment of it succeeded), or the plan has expired, the deployment is refused with \`409 plan_stale\` and nothing starts. Make a new plan and look again.`,
          },
        ],
      },
      {
        id: "strategies",
        title: "Strategies",
        blocks: [
          {
            kind: "p",
            text: `${create} answers \`201\` with the deployment in \`queued\`; the rollout then runs in the background, wave by wave. A wave starts only when every region of the wave before it has succeeded, which means healthy and then baked: during \`bake_seconds\` the region must stay healthy (a resource leaving \`active\`, or the region going away, fails it).`,
          },
          {
            kind: "list",
            items: [
              "`rolling` (the default): without `waves`, one region per wave in the order of `regions`, each baked for `strategy.bake_seconds`. With `waves`, you group the regions yourself; each wave has its own `bake_seconds` and may ask for an approval. The waves must name every region exactly once (else `422`). `max_parallel` caps how many regions change at the same time: a bigger wave is cut into consecutive waves of that size, which keep its bake; only the first part carries its approval.",
              "`parallel`: every region in one wave, at the same time.",
              "`canary`: `canary_region` (one of the regions) first, baked for `bake_seconds`; then all the other regions together.",
            ],
          },
          { kind: "sample", id: "create-deployment-waves" },
          {
            kind: "p",
            text: `Only one deployment of a service can be active at a time: a second one is refused with \`409 deployment_in_progress\`, naming the active deployment. Regions that are unknown or currently unavailable are refused with \`422\`, each named in \`errors[]\`. Like every POST, the create takes an \`Idempotency-Key\`, so a retried request answers the deployment the first one started.`,
          },
          {
            kind: "p",
            text: `${get} shows where things stand: \`status\`, \`current_wave\`, the \`waves\` with their approvals, and one entry in \`targets\` per region with its wave, its status, its steps (with times and a \`detail\` such as why it failed) and resource counts (\`desired\`, \`active\`, \`failed\`). \`progress\` counts the targets that succeeded, failed or are running.`,
          },
          { kind: "sample", id: "get-deployment" },
          {
            kind: "table",
            caption: "Deployment statuses",
            head: ["Status", "Meaning"],
            rows: DEPLOYMENT_STATUSES.map((s) => [`\`${s}\``, STATUS_MEANING[s]]),
          },
          {
            kind: "table",
            caption: "Target (region) statuses",
            head: ["Status", "Meaning"],
            rows: TARGET_STATUSES.map((s) => [`\`${s}\``, TARGET_MEANING[s]]),
          },
        ],
      },
      {
        id: "approvals",
        title: "Gates and approvals",
        blocks: [
          {
            kind: "p",
            text: "A wave with `approval: { required: true }` does not start by itself. When the waves before it have succeeded, the deployment stops in `awaiting_approval` (and says so with a `deployment.awaiting_approval` event) until someone approves or rejects it. Nothing times out: the gate holds until a person decides.",
          },
          {
            kind: "p",
            text: `Approving takes \`deployments:write\` and a different person from the one who started the deployment. A key counts as the member who created it, so the key (or the member) that started a deployment cannot wave it through: it gets \`403\`. In the dashboard the approve button is not shown to the creator.`,
          },
          { kind: "sample", id: "approve-own-deployment" },
          {
            kind: "list",
            items: [
              "`approve` starts the gated wave (`deployment.approved`, then `deployment.wave_started`).",
              "`reject` ends the deployment as `rejected`; the regions it had already changed are rolled back first.",
              `Either one on a deployment that is not waiting answers \`409\` naming its status. ${opLink(ctx, "GET /v1/deployments")} with \`status=awaiting_approval\` lists what waits for someone.`,
            ],
          },
          { kind: "sample", id: "list-awaiting-approval" },
        ],
      },
      {
        id: "actions",
        title: "Pause, resume, cancel and roll back",
        blocks: [
          {
            kind: "p",
            text: "Each action is a `POST` to `/v1/deployments/{id}/<action>` and answers the deployment. An action the current status does not allow answers `409`, with the status in `detail`.",
          },
          {
            kind: "list",
            items: [
              "`pause` (from `queued` or `in_progress`): regions that are already provisioning or baking carry on to their end; no new region and no new wave starts.",
              "`resume` (from `paused`): carries on where it stopped.",
              "`cancel` (from any active status): regions not started are `skipped`, and regions already changed are rolled back (`rolling_back`, then `canceled`).",
              "`rollback` of an active deployment: the same unwinding, ending `rolled_back`. The previous revision was never touched, so it is still serving.",
              "`rollback` of a finished deployment: deploys the service's previous **succeeded** revision again (its template, regions and strategy) as a new deployment, which is what the call answers (`rollback_of` names the one undone). With no earlier succeeded revision it is `409`.",
            ],
          },
          { kind: "sample", id: "pause-deployment" },
          { kind: "sample", id: "cancel-deployment" },
          { kind: "sample", id: "rollback-deployment" },
        ],
      },
      {
        id: "failures",
        title: "When a region fails",
        blocks: [
          {
            kind: "p",
            text: `A target fails when its region is unavailable when it starts or goes away later, when one of its resources fails, when it is not healthy within \`progress_deadline_seconds\`, or when a resource stops being \`active\` while it bakes. The failing step gets the reason in \`detail\`, and the deployment's \`failure_reason\` collects them as \`region: reason\`. One failed region is enough: later waves never start and their regions are \`skipped\`. What happens next is up to \`on_failure\`:`,
          },
          {
            kind: "list",
            items: [
              "`rollback` (the default): the deployment goes to `rolling_back` and deletes everything it made, in every region it changed, including the regions of earlier waves that had succeeded. It ends `rolled_back` with the previous revision serving everywhere, as if it had never run.",
              "`halt`: the deployment ends `failed` and nothing is deleted. The regions it changed keep its new resources next to the old revision's, for you to inspect; they carry the deployment's label, so `GET /v1/resources?label=deployment:<dep id>` finds them.",
            ],
          },
          {
            kind: "note",
            tone: "warning",
            text: "`rollback_failed` means the rollback itself could not delete everything this deployment made (`failure_reason` ends with what went wrong). The deployment stops there and stays in that status; it is never reported as a success, and it needs a person to look at the resources labelled with its id. Treat it as the most serious outcome in your pipeline.",
          },
          {
            kind: "p",
            text: "The orchestration keeps its state in the database and runs as background jobs: if a server restarts in the middle of a wave, the rollout carries on from where it was, without making a resource twice or leaving one behind. An operator can take a region out of service; `GET /v1/regions` shows it as unavailable, new deployments there are refused and running ones fail their target there.",
          },
        ],
      },
      {
        id: "events",
        title: "Events",
        blocks: [
          {
            kind: "p",
            text: `Every change of state is an [event](/docs/events) on the deployment (\`object_id\` is its \`dep_\` id), sent on the stream and to [webhooks](/docs/webhooks) that subscribe to \`deployment.*\`, and is written to the audit log. The \`data\` of each always carries \`deployment_id\`, \`service\` and \`revision\`; the table says what else.`,
          },
          {
            kind: "table",
            caption: "Deployment events",
            head: ["Type", "When", "Extra data"],
            rows: DEPLOYMENT_EVENT_TYPES.map((e) => {
              const extra = Object.keys(e.example).filter(
                (k) => !["deployment_id", "service", "revision"].includes(k),
              );
              return [
                `\`${e.type}\``,
                e.description,
                extra.length > 0 ? extra.map((k) => `\`${k}\``).join(", ") : "None",
              ];
            }),
          },
        ],
      },
      {
        id: "ci",
        title: "Deploying from CI",
        blocks: [
          {
            kind: "p",
            text: "A pipeline step usually plans, deploys what it planned, and waits, failing the job unless the deployment succeeded. The example prints the plan, holds the deployment to it with `plan_id`, uses the plan's id as the idempotency key (a retried step does not start a second deployment), and polls every 2 seconds. The curl version uses [jq](https://jqlang.org) to read the answers; the CLI's `--wait` and the SDK's `deployments.waitFor` do the polling for you.",
          },
          { kind: "sample", id: "ci-deploy" },
          {
            kind: "p",
            text: `The statuses a deployment never leaves are ${finishedList}; only \`succeeded\` should let the job pass. In a real pipeline, give the waves a longer bake (minutes, not seconds) and a \`progress_deadline_seconds\` that fits how long your instances take to come up.`,
          },
          {
            kind: "p",
            text: `Instead of polling, you can follow ${opLink(ctx, "GET /v1/events/stream")} with \`type=deployment.*&object_id=<dep id>\`, and read the deployment again when an event arrives. Do not decide on an event type alone: a cancel or a rejection, for example, is announced when it is asked for and again when the rollback has finished, so let \`status\` from ${get} have the last word.`,
          },
        ],
      },
    ],
  };
}
