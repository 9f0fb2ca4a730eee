import { cellText } from "../output";
import type { Column, TableView } from "../spec";

const when = (value: unknown) => (typeof value === "string" ? value.replace(/\.\d{3}Z$/, "Z") : "");
export const dollars = (value: unknown) =>
  typeof value === "number" ? `$${(value / 100).toFixed(2)}` : cellText(value);

export const CREATED: Column = { header: "CREATED", path: "created_at", format: when };

export const RESOURCE_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "NAME", path: "name" },
    { header: "TYPE", path: "type" },
    { header: "STATUS", path: "status" },
    { header: "REGION", path: "region" },
    CREATED,
  ],
};

export function typedView(specColumns: Column[]): TableView {
  return {
    columns: [
      { header: "ID", path: "id" },
      { header: "NAME", path: "name" },
      { header: "STATUS", path: "status" },
      { header: "REGION", path: "region" },
      ...specColumns,
      CREATED,
    ],
  };
}

export const KEY_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "NAME", path: "name" },
    { header: "KEY", path: "redacted" },
    { header: "ENV", path: "environment" },
    { header: "STATUS", path: "status" },
    { header: "SCOPES", path: "scopes" },
    { header: "EXPIRES", path: "expires_at", format: when },
    { header: "LAST USED", path: "last_used_at", format: when },
  ],
};

export const NEW_KEY_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "NAME", path: "name" },
    { header: "SECRET", path: "secret" },
    { header: "SCOPES", path: "scopes" },
    { header: "EXPIRES", path: "expires_at", format: when },
  ],
};

export const EVENT_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "TYPE", path: "type" },
    { header: "OBJECT", path: "object_id" },
    CREATED,
  ],
};

export const WEBHOOK_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "URL", path: "url" },
    { header: "EVENTS", path: "enabled_events" },
    { header: "STATUS", path: "status" },
    { header: "FAILURES", path: "consecutive_failures" },
    CREATED,
  ],
};

export { when };
