#!/usr/bin/env node
// `npx cloud` in the repository: the CLI's TypeScript source through tsx, so it is never a stale
// build; where tsx is not installed (a production install), the bundle `npm run build` made.
const path = require("node:path");

let register;
try {
  ({ register } = require("tsx/cjs/api"));
} catch {
  register = null;
}
if (register) {
  register();
  require(path.join(__dirname, "../cli/main.ts"));
} else {
  require(path.join(__dirname, "../dist/cloud.js"));
}
