// Vitest runs server modules directly; this stands in for the "server-only" marker package.
export {};
