/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several builds may share one checkout (parallel test runs); each can pick its own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "ioredis",
    "pino",
    "rate-limiter-flexible",
    "prom-client",
    "nodemailer",
  ],
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  typescript: { ignoreBuildErrors: false },
  productionBrowserSourceMaps: process.env.ANALYZE_MAPS === "1",
};

export default nextConfig;
