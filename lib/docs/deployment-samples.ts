import { FINISHED_DEPLOYMENT_STATUSES } from "@/lib/schemas/deployments";
import { SDK_PACKAGE } from "@/sdk/version";
import { API_KEY_VARIABLE, BASE_URL_TOKEN } from "./sample-code";
import type { DocSample } from "./samples";

// The Deployments guide's runnable samples. Example names and ids are swapped by the doc tests
// for fresh ones (a service no other run deployed, a deployment made just before), so every tab
// of every sample runs against state of its own.

/** The deployment id in the samples' code; the doc tests make a real one (baking for 10 min). */
export const EXAMPLE_DEPLOYMENT_ID = "dep_3Lw9bXkQ2mV7cT1aZp0Y";
/** Services in the samples; the doc tests give each run a name of its own. */
const SERVICE = "storefront";
const CI_SERVICE = "checkout";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];

/** What the CI example deploys: two regions one after the other, each baking briefly. */
const CI_BODY = {
  service: CI_SERVICE,
  template: { count: 1 },
  regions: ["us-east-1", "eu-west-1"],
  strategy: { type: "rolling", bake_seconds: 1 },
};

const FINISHED_WORDS = FINISHED_DEPLOYMENT_STATUSES.filter((s) => s !== "succeeded");

const CI_CURL = `#!/usr/bin/env bash
# Plan, deploy and wait: the job fails unless the deployment succeeds.
set -euo pipefail
api="${BASE_URL_TOKEN}/v1"
auth="Authorization: Bearer $${API_KEY_VARIABLE}"
json="Content-Type: application/json"
body='${JSON.stringify(CI_BODY)}'

# 1. The dry run: what changes in each region, and the monthly cost change in cents.
plan=$(curl -sS --fail-with-body -X POST "$api/deployments/plan" -H "$auth" -H "$json" -d "$body")
echo "$plan" | jq -r '.regions[] | "\\(.region): \\([.changes[] | "\\(.action) \\(.count) \\(.resource_type)"] | join(", "))"'
echo "monthly cost change: $(echo "$plan" | jq .monthly_cost_delta) cents"
plan_id=$(echo "$plan" | jq -r .id)

# 2. Deploy what was planned (409 plan_stale if the service moved meanwhile). The key makes a
#    retried step answer the same deployment instead of starting a second one.
deployment=$(curl -sS --fail-with-body -X POST "$api/deployments" -H "$auth" -H "$json" \\
  -H "Idempotency-Key: deploy-$plan_id" \\
  -d "$(echo "$body" | jq --arg plan "$plan_id" '. + {plan_id: $plan}')")
id=$(echo "$deployment" | jq -r .id)
echo "started $id"

# 3. Poll until it ends; anything but succeeded fails the job.
while :; do
  deployment=$(curl -sS --fail-with-body "$api/deployments/$id" -H "$auth")
  status=$(echo "$deployment" | jq -r .status)
  echo "$status: $(echo "$deployment" | jq -r '[.targets[] | "\\(.region) \\(.status)"] | join(", ")')"
  case "$status" in
    succeeded) break ;;
    ${FINISHED_WORDS.join(" | ")})
      echo "$id ended $status: $(echo "$deployment" | jq -r .failure_reason)" >&2
      exit 1 ;;
  esac
  sleep 2
done

# The final state, for the job's log.
curl -sS "$api/deployments/$id" -H "$auth"`;

const CI_JAVASCRIPT = `const api = "${BASE_URL_TOKEN}/v1";
const auth = { Authorization: \`Bearer \${process.env.${API_KEY_VARIABLE}}\` };

async function call(method, path, body, headers = {}) {
  const response = await fetch(\`\${api}\${path}\`, {
    method,
    headers: body ? { ...auth, "Content-Type": "application/json", ...headers } : auth,
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(\`\${method} \${path}: \${response.status} \${answer.detail}\`);
  return answer;
}

const input = ${JSON.stringify(CI_BODY, null, 2)};

// 1. The dry run: what changes in each region, and the monthly cost change in cents.
const plan = await call("POST", "/deployments/plan", input);
for (const region of plan.regions) {
  const changes = region.changes.map((c) => \`\${c.action} \${c.count} \${c.resource_type}\`);
  console.log(\`\${region.region}: \${changes.join(", ")}\`);
}
console.log(\`monthly cost change: \${plan.monthly_cost_delta} cents\`);

// 2. Deploy what was planned; the key makes a retry answer the same deployment.
let deployment = await call(
  "POST",
  "/deployments",
  { ...input, plan_id: plan.id },
  { "Idempotency-Key": \`deploy-\${plan.id}\` },
);

// 3. Poll until it ends; anything but succeeded fails the job.
const finished = ${JSON.stringify(FINISHED_DEPLOYMENT_STATUSES)};
while (!finished.includes(deployment.status)) {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  deployment = await call("GET", \`/deployments/\${deployment.id}\`);
  console.log(deployment.status, deployment.targets.map((t) => \`\${t.region} \${t.status}\`));
}
if (deployment.status !== "succeeded") {
  console.error(\`\${deployment.id} ended \${deployment.status}: \${deployment.failure_reason}\`);
  process.exit(1);
}`;

const CI_SDK = `import { createClient } from "${SDK_PACKAGE}";

const cloud = createClient({ baseUrl: "${BASE_URL_TOKEN}" });
const input = ${JSON.stringify(CI_BODY, null, 2)};

const plan = await cloud.deployments.plan(input);
for (const region of plan.regions) {
  const changes = region.changes.map((c) => \`\${c.action} \${c.count} \${c.resource_type}\`);
  console.log(\`\${region.region}: \${changes.join(", ")}\`);
}
const deployment = await cloud.deployments.create(
  { ...input, plan_id: plan.id },
  { idempotencyKey: \`deploy-\${plan.id}\` },
);
// waitFor polls until a final status and answers it, whichever it is.
const done = await cloud.deployments.waitFor(deployment, {
  onProgress: (d) => console.log(d.status, d.targets.map((t) => \`\${t.region} \${t.status}\`)),
});
if (done.status !== "succeeded") {
  console.error(\`\${done.id} ended \${done.status}: \${done.failure_reason}\`);
  process.exit(1);
}`;

const CI_CLI = `set -euo pipefail
flags=(--service ${CI_SERVICE} --count 1 --region us-east-1 --region eu-west-1 --bake 1)
# The plan as JSON for its id; without -o json it prints a table of the changes and costs.
plan_id=$(cloud deployments plan "\${flags[@]}" -o json | jq -r .id)
# --wait prints each region's progress on stderr and exits 1 unless the deployment succeeded.
cloud deployments create "\${flags[@]}" --plan "$plan_id" --wait`;

const onFixture = { [EXAMPLE_DEPLOYMENT_ID]: "deployment" } as const;

export const DEPLOYMENT_SAMPLES: readonly DocSample[] = [
  {
    id: "plan-deployment",
    title: "Plan a canary rollout to three regions",
    operation: "POST /v1/deployments/plan",
    request: {
      method: "POST",
      path: "/v1/deployments/plan",
      body: {
        service: SERVICE,
        template: { count: 2, load_balancer: true },
        regions: REGIONS,
        strategy: { type: "canary", canary_region: "us-east-1", bake_seconds: 600 },
      },
    },
    expect: { status: 200 },
  },
  {
    id: "create-deployment-waves",
    title: "Deploy in two waves, the second behind an approval",
    operation: "POST /v1/deployments",
    request: {
      method: "POST",
      path: "/v1/deployments",
      body: {
        service: SERVICE,
        template: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 2, load_balancer: true },
        regions: REGIONS,
        strategy: {
          type: "rolling",
          waves: [
            { regions: ["us-east-1"], bake_seconds: 600 },
            {
              regions: ["eu-west-1", "ap-southeast-1"],
              bake_seconds: 300,
              approval: { required: true },
            },
          ],
        },
        on_failure: "rollback",
      },
    },
    expect: { status: 201 },
    fixtures: { [SERVICE]: "unique_name" },
  },
  {
    id: "get-deployment",
    title: "Read a deployment's progress, region by region",
    operation: "GET /v1/deployments/{id}",
    request: { method: "GET", path: `/v1/deployments/${EXAMPLE_DEPLOYMENT_ID}` },
    expect: { status: 200 },
    fixtures: onFixture,
  },
  {
    id: "list-awaiting-approval",
    title: "Deployments waiting for an approval",
    operation: "GET /v1/deployments",
    request: { method: "GET", path: "/v1/deployments?status=awaiting_approval" },
    expect: { status: 200 },
  },
  {
    id: "pause-deployment",
    title: "Pause a deployment",
    operation: "POST /v1/deployments/{id}/pause",
    request: { method: "POST", path: `/v1/deployments/${EXAMPLE_DEPLOYMENT_ID}/pause` },
    expect: { status: 200 },
    fixtures: onFixture,
  },
  {
    id: "approve-own-deployment",
    title: "Approving a deployment you started is refused",
    operation: "POST /v1/deployments/{id}/approve",
    request: { method: "POST", path: `/v1/deployments/${EXAMPLE_DEPLOYMENT_ID}/approve` },
    expect: { status: 403 },
    fixtures: onFixture,
  },
  {
    id: "cancel-deployment",
    title: "Cancel a deployment",
    operation: "POST /v1/deployments/{id}/cancel",
    request: { method: "POST", path: `/v1/deployments/${EXAMPLE_DEPLOYMENT_ID}/cancel` },
    expect: { status: 200 },
    fixtures: onFixture,
  },
  {
    id: "rollback-deployment",
    title: "Roll back a deployment in progress",
    operation: "POST /v1/deployments/{id}/rollback",
    request: { method: "POST", path: `/v1/deployments/${EXAMPLE_DEPLOYMENT_ID}/rollback` },
    expect: { status: 200 },
    fixtures: onFixture,
  },
  {
    id: "ci-deploy",
    title: "A CI job: plan, deploy, wait, fail unless it succeeded",
    // The first call; the doc tests check each call's answer against its own operation.
    operation: "POST /v1/deployments/plan",
    request: { method: "POST", path: "/v1/deployments/plan", body: CI_BODY },
    curl: CI_CURL,
    javascript: CI_JAVASCRIPT,
    sdk: CI_SDK,
    cli: CI_CLI,
    expect: { status: [200, 201] },
    fixtures: { [CI_SERVICE]: "unique_name" },
  },
];
