import type { Config } from "@/lib/config";
import type { DomainContext } from "@/lib/principal";
import { deriveSecretKey } from "./secret-box";
import type { UrlRules } from "./url-policy";

/** What webhook code needs from the process besides the store and the clock. */
export interface WebhookSettings extends UrlRules {
  /** Seals signing secrets at rest (HKDF of the session secret). */
  secretKey: Buffer;
  /** SMTP is configured: notices are sent as well as stored. */
  deliverEmail: boolean;
}

export interface WebhookContext extends DomainContext {
  webhooks: WebhookSettings;
}

export function webhookSettingsOf(config: Config, sessionSecret: string): WebhookSettings {
  return {
    secretKey: deriveSecretKey(sessionSecret),
    allowPrivate: config.webhookAllowPrivateUrls,
    deliverEmail: config.smtpUrl !== undefined,
  };
}
