/** @type {import('next').NextConfig} */
const nextConfig = {
  // BullMQ and ioredis open sockets and load Lua scripts from disk: they must run as plain Node modules.
  serverExternalPackages: ["bullmq", "ioredis"],
  poweredByHeader: false,
  // The dashboard is one Node process on a trusted host: no image optimizer, no telemetry-bearing extras.
  images: { unoptimized: true },
};

export default nextConfig;
