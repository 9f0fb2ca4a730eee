import type { Kysely } from "kysely";
import type { DemoAccount } from "@/lib/accounts/demo-account";
import { SCOPES } from "@/lib/catalog/scopes";
import type { Database } from "@/lib/db/schema";
import type { Principal } from "@/lib/principal";
import { type CreateResourceInput, createResource } from "./create-resource";
import { runInstanceAction } from "./instance-action";
import { finishProvisioning } from "./provision-jobs";
import { PROVISION_JOB } from "./resource-jobs";
import { runVolumeAction } from "./volume-action";

const MINUTE = 60_000;

/**
 * A small live estate for the demo project, already active: a network with two web instances
 * behind a load balancer, a worker, a volume attached to web-1, a bucket and a stopped instance
 * in another region, created a few minutes apart so lists and timelines read naturally.
 */
export async function seedDemoResources(
  deps: { db: Kysely<Database>; now: () => Date },
  account: DemoAccount,
): Promise<void> {
  const { db } = deps;
  const principal: Principal = {
    kind: "system",
    organizationId: account.organizationId,
    projectId: account.projectId,
    environment: "live",
    plan: "pro",
    scopes: new Set(SCOPES),
    keyId: null,
    userId: null,
    role: null,
  };
  const start = deps.now().getTime() - 60 * MINUTE;
  let step = 0;
  const at = () => new Date(start + step++ * 5 * MINUTE);
  const create = async (input: Omit<CreateResourceInput, "provisionDelayMs">) => {
    const now = at();
    const { row } = await createResource({ db, principal, now }, { ...input, provisionDelayMs: 0 });
    await finishProvisioning(db, {
      id: "demo",
      type: PROVISION_JOB,
      payload: { resourceId: row.id, projectId: row.project_id, environment: row.environment },
      attempt: 1,
      now: new Date(now.getTime() + 45_000),
    });
    return row.id;
  };

  const network = await create({
    type: "network",
    name: "production-vpc",
    region: "us-east-1",
    labels: { env: "prod" },
    spec: { cidr: "10.10.0.0/16" },
  });
  const web = (n: number) =>
    create({
      type: "instance",
      name: `web-${n}`,
      region: "us-east-1",
      labels: { env: "prod", role: "web" },
      spec: { size: "s-2vcpu-4gb", image: "ubuntu-24.04", network_id: network },
    });
  const web1 = await web(1);
  const web2 = await web(2);
  await create({
    type: "instance",
    name: "worker-1",
    region: "us-east-1",
    labels: { env: "prod", role: "worker" },
    spec: { size: "s-1vcpu-2gb", network_id: network },
  });
  const volume = await create({
    type: "volume",
    name: "web-1-data",
    region: "us-east-1",
    labels: { env: "prod" },
    spec: { size_gb: 100 },
  });
  await runVolumeAction(
    { db, principal, now: at() },
    { id: volume, action: { type: "attach", instance_id: web1 } },
  );
  await create({
    type: "load_balancer",
    name: "web-lb",
    region: "us-east-1",
    labels: { env: "prod" },
    spec: { target_ids: [web1, web2], network_id: network },
  });
  await create({
    type: "bucket",
    name: "acme-assets",
    region: "us-east-1",
    labels: { env: "prod" },
    spec: { versioning: true },
  });
  const analytics = await create({
    name: "Analytics Pipeline",
    region: "eu-west-1",
    labels: { env: "staging", team: "data" },
  });
  await runInstanceAction(
    { db, principal, now: at() },
    { id: analytics, action: { type: "stop" } },
  );
}
