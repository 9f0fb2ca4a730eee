/** Limits of one delivery attempt (shared by the sender and the Webhooks guide). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Characters of the receiver's answer kept with the delivery. */
export const EXCERPT_LENGTH = 256;
