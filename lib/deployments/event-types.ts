/** The deployment events (data always carries deployment_id, service and revision). */
const base = { deployment_id: "dep_3Lw9bXkQ2mV7cT1aZp0Y", service: "web", revision: 4 };

export const DEPLOYMENT_EVENT_TYPES = [
  {
    type: "deployment.created",
    description: "A deployment was queued.",
    example: { ...base, regions: ["us-east-1", "eu-west-1"] },
  },
  {
    type: "deployment.started",
    description: "The orchestration picked the deployment up.",
    example: base,
  },
  {
    type: "deployment.wave_started",
    description: "A wave's regions started changing.",
    example: { ...base, wave: 0, regions: ["us-east-1"] },
  },
  {
    type: "deployment.awaiting_approval",
    description: "A wave waits for a member other than the creator.",
    example: { ...base, wave: 1, regions: ["eu-west-1"] },
  },
  {
    type: "deployment.approved",
    description: "A gated wave was approved.",
    example: { ...base, wave: 1 },
  },
  {
    type: "deployment.rejected",
    description: "A gated wave was rejected; changed regions are rolled back.",
    example: base,
  },
  {
    type: "deployment.target_succeeded",
    description: "A region is healthy and baked.",
    example: { ...base, region: "us-east-1", wave: 0 },
  },
  {
    type: "deployment.target_failed",
    description: "A region failed (resource failed, deadline, region unavailable).",
    example: { ...base, region: "eu-west-1", wave: 1, reason: "region eu-west-1 is unavailable" },
  },
  {
    type: "deployment.paused",
    description: "Paused: running targets finish, nothing new starts.",
    example: base,
  },
  { type: "deployment.resumed", description: "A paused deployment continues.", example: base },
  {
    type: "deployment.canceled",
    description: "Canceled by a member; changed regions are rolled back.",
    example: base,
  },
  {
    type: "deployment.rolling_back",
    description: "A failure started the rollback of the changed regions.",
    example: { ...base, reason: "eu-west-1: region eu-west-1 is unavailable" },
  },
  {
    type: "deployment.rollback_requested",
    description: "A member asked an active deployment to roll back.",
    example: base,
  },
  {
    type: "deployment.rolled_back",
    description: "What the deployment made is deleted; the previous revision serves.",
    example: base,
  },
  {
    type: "deployment.rollback_failed",
    description: "The rollback could not delete everything; needs attention.",
    example: { ...base, reason: "us-east-1: ..." },
  },
  {
    type: "deployment.failed",
    description: "A failure with on_failure halt: changed regions are left as they are.",
    example: { ...base, reason: "eu-west-1: not healthy within progress_deadline_seconds (600)" },
  },
  {
    type: "deployment.succeeded",
    description: "Every region succeeded; the old revision is being deleted.",
    example: base,
  },
] as const;
