#!/usr/bin/env node
/**
 * Makes the site's icons in public/ from one SVG (the brand mark of components/shell/brand-mark.tsx
 * in the light theme's colours), rendered by the system Chromium, so nothing is downloaded:
 *   icon.svg (modern browsers), favicon.ico (16, 32 and 48 px PNGs in an ICO container),
 *   apple-touch-icon.png (180 px, full-bleed: iOS rounds the corners itself),
 *   icon-192.png and icon-512.png with site.webmanifest (install prompts, Android home screens).
 * Run it again after changing the mark: node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const PRIMARY = "#4f46e5";
const FOREGROUND = "#ffffff";
const CLOUD = "M7.5 15.5a3.5 3.5 0 0 1 .4-6.98 4.5 4.5 0 0 1 8.7 1.2A2.9 2.9 0 0 1 16.5 15.5z";

/** The mark on a 24-unit grid; `radius` 0 fills the square (for platforms that mask it). */
export function markSvg(radius = 6) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><title>Cloud API</title><rect width="24" height="24" rx="${radius}" fill="${PRIMARY}"/><path d="${CLOUD}" fill="none" stroke="${FOREGROUND}" stroke-width="1.6" stroke-linejoin="round"/></svg>`;
}

/** An ICO file holding PNG images (Windows Vista and every browser read PNG entries). */
export function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main() {
  const out = path.resolve("public");
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const render = async (svg, size) => {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, type: "png" });
    await page.close();
    return png;
  };
  try {
    writeFileSync(path.join(out, "icon.svg"), `${markSvg()}\n`);
    const sizes = [16, 32, 48];
    const images = [];
    for (const size of sizes) images.push({ size, png: await render(markSvg(), size) });
    writeFileSync(path.join(out, "favicon.ico"), icoOf(images));
    writeFileSync(path.join(out, "apple-touch-icon.png"), await render(markSvg(0), 180));
    writeFileSync(path.join(out, "icon-192.png"), await render(markSvg(), 192));
    writeFileSync(path.join(out, "icon-512.png"), await render(markSvg(), 512));
    const manifest = {
      name: "Cloud API Platform",
      short_name: "Cloud API",
      description: "Provision, manage and monitor cloud infrastructure through one API.",
      start_url: "/dashboard",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: PRIMARY,
      icons: [
        { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
        { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
        { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      ],
    };
    writeFileSync(path.join(out, "site.webmanifest"), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    await browser.close();
  }
  console.log(`icons written to ${out}`);
}

await main();
