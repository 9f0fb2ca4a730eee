import { ConfigError, configFromEnvironment } from "@/lib/config";
import { openStore } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";

/** npm run db:migrate: applies pending migrations to the store the environment selects. */
async function main(): Promise<void> {
  const config = configFromEnvironment();
  const store = openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: `${config.dataDir}/cloud.sqlite`,
    poolSize: 2,
  });
  try {
    const applied = await migrateToLatest(store.db, store.kind);
    console.log(
      applied.length
        ? `applied: ${applied.join(", ")}`
        : `up to date (${store.kind} at ${store.location})`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `migrate: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
