/** Sent in User-Agent; kept equal to sdk/package.json's version by a test. */
export const SDK_VERSION = "0.1.0";
