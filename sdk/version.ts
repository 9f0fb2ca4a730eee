/** Sent in User-Agent; kept equal to sdk/package.json's version by a test. */
export const SDK_VERSION = "0.1.0";
/** What `import ... from` names (sdk/package.json's name, checked by the same test). */
export const SDK_PACKAGE = "@cloud-api-platform/sdk";
