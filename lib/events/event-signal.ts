import { EventEmitter } from "node:events";
import type { Bus } from "@/lib/bus";
import type { Environment } from "@/lib/db/schema";

/** Message on the bus: `<project id>:<environment>:<seq>`, "look at the log up to seq". */
export const EVENTS_CHANNEL = "events.appended";

export interface EventSignal {
  projectId: string;
  environment: Environment;
  seq: number;
}

const local = new EventEmitter();
local.setMaxListeners(0);
const buses = new Set<Bus>();

function tenantChannel(projectId: string, environment: string): string {
  return `${projectId}:${environment}`;
}

/**
 * Tells streams a new event may be in the log. Sent from inside the event's transaction, so a
 * listener may look before the commit: it keeps looking until `seq` is visible (see
 * lib/events/stream). A lost signal loses nothing: the log is the truth, streams also look on a
 * timer.
 */
export function signalEvent(signal: EventSignal): void {
  // After the current turn, so the usual short transaction has committed by the time it is heard.
  setImmediate(() => {
    local.emit(tenantChannel(signal.projectId, signal.environment), signal.seq);
    const message = `${signal.projectId}:${signal.environment}:${signal.seq}`;
    for (const bus of buses) void bus.publish(EVENTS_CHANNEL, message).catch(() => undefined);
  });
}

/** Relays signals between this process and other instances over `bus` (Redis). */
export function relayEventSignals(bus: Bus): () => void {
  buses.add(bus);
  const unsubscribe = bus.subscribe(EVENTS_CHANNEL, (message) => {
    const [projectId, environment, seq] = message.split(":");
    if (projectId && environment && seq)
      local.emit(tenantChannel(projectId, environment), Number(seq));
  });
  return () => {
    buses.delete(bus);
    unsubscribe();
  };
}

/** Calls `onSignal(seq)` whenever an event of this project and environment may have appeared. */
export function onEventSignal(
  projectId: string,
  environment: string,
  onSignal: (seq: number) => void,
): () => void {
  const channel = tenantChannel(projectId, environment);
  local.on(channel, onSignal);
  return () => local.off(channel, onSignal);
}
