import { existsSync } from "node:fs";

// Browser tests use the system Chromium: this machine cannot download Playwright's own build.
const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(
    `Chromium was not found at ${path}.\n` +
      "Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n" +
      "or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  );
  process.exit(1);
}
