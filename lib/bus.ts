import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";

export type BusHandler = (message: string) => void;

/**
 * Fan-out between instances: key invalidation, new events, rate-limit changes. In-process by
 * default; Redis pub/sub when REDIS_URL is set so every instance hears every message.
 */
export interface Bus {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(channel, message) {
      emitter.emit(channel, message);
    },
    subscribe(channel, handler) {
      emitter.on(channel, handler);
      return () => emitter.off(channel, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** `subscriber` must be a dedicated connection: a subscribed Redis client can do nothing else. */
export function createRedisBus(publisher: Redis, subscriber: Redis, namespace = "cap"): Bus {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  subscriber.on("message", (channel: string, message: string) => {
    local.emit(channel.slice(namespace.length + 1), message);
  });
  return {
    async publish(channel, message) {
      await publisher.publish(`${namespace}:${channel}`, message);
    },
    subscribe(channel, handler) {
      local.on(channel, handler);
      const count = (counts.get(channel) ?? 0) + 1;
      counts.set(channel, count);
      if (count === 1) void subscriber.subscribe(`${namespace}:${channel}`);
      return () => {
        local.off(channel, handler);
        const left = (counts.get(channel) ?? 1) - 1;
        counts.set(channel, left);
        if (left === 0) void subscriber.unsubscribe(`${namespace}:${channel}`);
      };
    },
    async close() {
      local.removeAllListeners();
      subscriber.disconnect();
    },
  };
}
