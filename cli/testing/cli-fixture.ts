import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { type SentAnswer, type ServedApi, serveApi } from "@/lib/testing/serve-api";
import { createTestRuntime, type StoreTarget, type TestRuntime } from "@/lib/testing/test-runtime";
import { type CliResult, type RunningCli, runCapture, startCapture } from "./run-cli";

/**
 * A real API on a loopback port (jobs running, provisioning instant), an organization with a live
 * and a test key, a private config directory, and a record of every body the API sent.
 */
export class CliFixture {
  runtime!: TestRuntime;
  served!: ServedApi;
  org!: TestOrganization;
  liveKey = "";
  testKey = "";
  readonly sent: SentAnswer[] = [];
  readonly home = mkdtempSync(path.join(tmpdir(), "cloud-cli-"));

  async start(target: StoreTarget): Promise<this> {
    this.runtime = await createTestRuntime(target, {
      startJobs: true,
      env: { PROVISION_DELAY_MS: "0", WEBHOOK_ALLOW_PRIVATE_URLS: "1" },
    });
    this.served = await serveApi(this.runtime, { record: (answer) => this.sent.push(answer) });
    this.org = await createTestOrganization(this.runtime, "pro");
    this.liveKey = (await createTestKey(this.runtime, this.org, { name: "cli live" })).secret;
    this.testKey = (
      await createTestKey(this.runtime, this.org, { environment: "test", name: "cli test" })
    ).secret;
    return this;
  }

  /** The environment of a clean shell: config under the fixture's home, nothing inherited. */
  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, ".config"),
      CLOUD_API_URL: this.served.url,
      CLOUD_API_KEY: this.liveKey,
      CLOUD_POLL_INTERVAL_MS: "25",
      ...extra,
    };
  }

  run(
    argv: string[],
    options: { env?: Record<string, string | undefined>; stdin?: string; tty?: boolean } = {},
  ): Promise<CliResult> {
    return runCapture(argv, {
      env: options.env ?? this.env(),
      stdin: options.stdin,
      tty: options.tty,
    });
  }

  /** Starts a long-running command (tail, listen) with the fixture's environment. */
  launch(argv: string[], env: Record<string, string | undefined> = {}): RunningCli {
    return startCapture(argv, { env: this.env(env) });
  }

  /** Stops the HTTP server (every open connection drops); the data stays. */
  stopApi(): Promise<void> {
    return this.served.close();
  }

  /** Serves the API again on the port it had, as a restarted server would. */
  async restartApi(): Promise<void> {
    const port = Number(new URL(this.served.url).port);
    this.served = await serveApi(this.runtime, {
      record: (answer) => this.sent.push(answer),
      port,
    });
  }

  /** The body of the API's last answer, as sent. */
  lastBody(): string {
    return this.sent.at(-1)?.body ?? "";
  }

  async close(): Promise<void> {
    await this.served?.close();
    await this.runtime?.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}
