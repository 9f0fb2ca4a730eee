/**
 * Fills a bench store with stored request records for `npm run bench`'s request-log rows: rows of
 * the compact raw record the metering writer keeps (request_log, its tenant and series interned
 * in request_scopes / request_series / request_user_agents exactly as lib/usage/usage-writer.ts
 * interns them, so the server's writer later finds and reuses them), written straight into the
 * store in large transactions because a million requests through HTTP would take minutes.
 *
 * The rows belong to the bench key's project and live environment, spread over the last three
 * days (inside the retention window, so the retention job leaves them alone), with a realistic
 * mix of routes, statuses, paths, addresses and user agents from a fixed-seed generator.
 */
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { BASE62 } from "@/lib/ids";
import { encodeCursor } from "@/lib/pagination/list-query";
import { RAW_COLUMNS } from "@/lib/usage/usage-batch";

export type SeedStore = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface SeedResult {
  seeded: number;
  seconds: number;
  /** `cursor` of a page halfway down the seeded rows (newest first). */
  deepCursor: string;
  /** How far down the list deepCursor points. */
  deepPosition: number;
}

/** A minimal statement runner over either store ("?" placeholders, rewritten for pg). */
interface Runner {
  all(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function openRunner(store: SeedStore): Promise<Runner> {
  if (store.kind === "sqlite") {
    const db = new BetterSqlite3(store.file);
    db.pragma("busy_timeout = 5000");
    return {
      all: async (sql, params = []) => db.prepare(sql).all(...params) as Record<string, unknown>[],
      run: async (sql, params = []) => {
        db.prepare(sql).run(...params);
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  return {
    all: async (sql, params = []) => (await client.query(toPg(sql), params)).rows,
    run: async (sql, params = []) => {
      await client.query(toPg(sql), params);
    },
    close: () => client.end(),
  };
}

/** What one kind of request looks like in the mix, and how often it comes (weights sum ~100). */
interface Kind {
  method: string;
  route: string;
  status: number;
  weight: number;
  error?: [code: string, detail: string];
}

const KINDS: Kind[] = [
  { method: "GET", route: "/v1/resources/:id", status: 200, weight: 48 },
  { method: "GET", route: "/v1/resources", status: 200, weight: 18 },
  { method: "POST", route: "/v1/resources", status: 201, weight: 9 },
  { method: "PATCH", route: "/v1/resources/:id", status: 200, weight: 3 },
  { method: "DELETE", route: "/v1/resources/:id", status: 204, weight: 2 },
  { method: "GET", route: "/v1/regions", status: 200, weight: 4 },
  { method: "GET", route: "/v1/events", status: 200, weight: 3 },
  { method: "POST", route: "/v1/webhook-endpoints", status: 201, weight: 0.5 },
  {
    method: "GET",
    route: "/v1/resources/:id",
    status: 404,
    weight: 5,
    error: ["not_found", "No resource with this id in this project."],
  },
  {
    method: "POST",
    route: "/v1/resources",
    status: 422,
    weight: 3,
    error: ["validation_failed", "region: must be one of the available regions"],
  },
  {
    method: "POST",
    route: "/v1/resources",
    status: 409,
    weight: 0.8,
    error: ["idempotency_key_in_use", "A request with this Idempotency-Key is in progress."],
  },
  {
    method: "GET",
    route: "/v1/resources",
    status: 429,
    weight: 2,
    error: ["rate_limited", "Rate limit of 6000 requests per minute exceeded."],
  },
  {
    method: "GET",
    route: "/v1/events",
    status: 400,
    weight: 1.5,
    error: ["bad_request", "limit must be between 1 and 100"],
  },
  {
    method: "GET",
    route: "/v1/resources/:id",
    status: 500,
    weight: 0.2,
    error: ["internal_error", "An unexpected error occurred."],
  },
];

const AGENTS = ["cloud-sdk-node/1.4.0 node/20.11.1", "curl/8.5.0", "python-requests/2.31.0"];
const SPAN_MS = 3 * 24 * 3600 * 1000;
const COLUMNS = RAW_COLUMNS;
const PG_TYPES = [
  "bigint",
  "int",
  "int",
  "int",
  "int",
  "int",
  "text",
  "text",
  "text",
  "int",
  "text",
  "int",
  "text",
  "text",
];

/** mulberry32: the same rows on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function base62(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[Math.floor(random() * 62)];
  return out;
}

async function internedId(
  db: Runner,
  insert: string,
  insertParams: unknown[],
  select: string,
  selectParams: unknown[],
): Promise<number> {
  await db.run(insert, insertParams);
  const row = (await db.all(select, selectParams))[0];
  if (!row) throw new Error(`seed: ${select} found nothing`);
  return Number(row.id);
}

/**
 * Writes `count` request records for the key named `keyName` of the organization `orgSlug`.
 * `now` is the newest record's time; the oldest is three days before it.
 */
export async function seedRequestLogs(
  store: SeedStore,
  orgSlug: string,
  keyName: string,
  count: number,
  now: number,
): Promise<SeedResult> {
  const started = Date.now();
  const db = await openRunner(store);
  try {
    const key = (
      await db.all(
        `select k.id, k.organization_id, k.project_id, k.environment from api_keys k
         join organizations o on o.id = k.organization_id where o.slug = ? and k.name = ?`,
        [orgSlug, keyName],
      )
    )[0];
    if (!key) throw new Error(`seed: no key ${keyName} in ${orgSlug}`);
    const [org, project, environment] = [key.organization_id, key.project_id, key.environment];
    const scope = await internedId(
      db,
      `insert into request_scopes (organization_id, project_id, environment) values (?, ?, ?)
       on conflict (project_id, environment, organization_id) do nothing`,
      [org, project, environment],
      "select id from request_scopes where project_id = ? and environment = ? and organization_id = ?",
      [project, environment, org],
    );
    const series: number[] = [];
    for (const kind of KINDS) {
      series.push(
        await internedId(
          db,
          `insert into request_series
             (scope_id, organization_id, project_id, environment, key_id, user_id, method, route, status)
           values (?, ?, ?, ?, ?, '', ?, ?, ?)
           on conflict (scope_id, key_id, user_id, method, route, status) do nothing`,
          [scope, org, project, environment, key.id, kind.method, kind.route, kind.status],
          `select id from request_series where scope_id = ? and key_id = ? and user_id = ''
             and method = ? and route = ? and status = ?`,
          [scope, key.id, kind.method, kind.route, kind.status],
        ),
      );
    }
    const agents: number[] = [];
    for (const value of AGENTS) {
      agents.push(
        await internedId(
          db,
          "insert into request_user_agents (value) values (?) on conflict (value) do nothing",
          [value],
          "select id from request_user_agents where value = ?",
          [value],
        ),
      );
    }

    const random = generator(14);
    const totalWeight = KINDS.reduce((sum, k) => sum + k.weight, 0);
    const resourceIds = Array.from({ length: 200 }, () => `res_${base62(random, 16)}`);
    const ips = Array.from({ length: 24 }, (_, i) => `203.0.113.${10 + i}`);
    const deepPosition = Math.floor(count / 2);
    let deepCursor = "";
    /** One record's column values, in COLUMNS order. */
    const record = (i: number): unknown[] => {
      let pick = random() * totalWeight;
      let k = 0;
      while (k < KINDS.length - 1 && pick >= (KINDS[k] as Kind).weight) {
        pick -= (KINDS[k] as Kind).weight;
        k++;
      }
      const kind = KINDS[k] as Kind;
      const ts = now - SPAN_MS + Math.floor((i * SPAN_MS) / count);
      const requestId = `req_${base62(random, 20)}`;
      const resource = resourceIds[Math.floor(random() * resourceIds.length)] as string;
      const path = kind.route.replace(":id", resource);
      const post = kind.method === "POST";
      const idempotencyKey = post && random() < 0.5 ? `idem-${base62(random, 12)}` : null;
      // The i-th oldest is the (count - 1 - i)-th newest: the deep page starts after this row.
      if (count - 1 - i === deepPosition - 1) {
        deepCursor = encodeCursor({ createdAt: new Date(ts).toISOString(), id: requestId });
      }
      return [
        ts,
        scope,
        series[k],
        800 + Math.floor(random() * 15_000),
        post ? 40 + Math.floor(random() * 80) : 0,
        kind.error ? 180 : 300 + Math.floor(random() * 2_000),
        requestId,
        path,
        ips[Math.floor(random() * ips.length)],
        agents[Math.floor(random() * agents.length)],
        idempotencyKey,
        idempotencyKey && kind.status === 201 && random() < 0.05 ? 1 : 0,
        kind.error ? kind.error[0] : null,
        kind.error ? kind.error[1] : null,
      ];
    };

    if (store.kind === "sqlite") await seedSqlite(store.file, count, record);
    else await seedPostgres(db, count, record);
    return { seeded: count, seconds: (Date.now() - started) / 1000, deepCursor, deepPosition };
  } finally {
    await db.close();
  }
}

/** One prepared single-row insert run in transactions of 50,000 rows (better-sqlite3 is sync). */
async function seedSqlite(
  file: string,
  count: number,
  record: (i: number) => unknown[],
): Promise<void> {
  const db = new BetterSqlite3(file);
  try {
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      `insert into request_log (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`,
    );
    const chunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...record(i));
    });
    for (let from = 0; from < count; from += 50_000) chunk(from, Math.min(count, from + 50_000));
  } finally {
    db.close();
  }
}

/** Column arrays through unnest, 20,000 rows per statement. */
async function seedPostgres(
  db: Runner,
  count: number,
  record: (i: number) => unknown[],
): Promise<void> {
  const statement = `insert into request_log (${COLUMNS.join(", ")})
    select * from unnest(${PG_TYPES.map((type) => `?::${type}[]`).join(", ")})`;
  for (let from = 0; from < count; from += 20_000) {
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (let i = from; i < Math.min(count, from + 20_000); i++) {
      const values = record(i);
      for (let c = 0; c < columns.length; c++) (columns[c] as unknown[]).push(values[c]);
    }
    await db.run(statement, columns);
  }
  // What autovacuum does after a bulk load (it is off on this machine): fresh statistics and a
  // visibility map, as a store that has been taking traffic for days has.
  await db.run("vacuum (analyze) request_log");
}

/** Stored request records (all tenants), for the table's "rows stored" column. */
export async function countRequestLogs(store: SeedStore): Promise<number> {
  const db = await openRunner(store);
  try {
    const row = (await db.all("select count(*) as n from request_log"))[0];
    return Number(row?.n);
  } finally {
    await db.close();
  }
}
