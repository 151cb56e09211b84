/** Packages that must run as plain Node modules: they open sockets, or read their own files from disk. */
const serverPackages = [
  "bullmq",
  "ioredis",
  "@bull-board/api",
  "@bull-board/hono",
  "@bull-board/ui",
  "@hono/node-server",
  "hono",
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: serverPackages,
  // bull-board serves its UI's files and our fonts from node_modules at run time: a traced build must keep them.
  // The key is a route glob: one spelled with `[[...path]]` would silently match nothing.
  outputFileTracingIncludes: {
    "/admin/queues/**": [
      "./node_modules/@bull-board/ui/dist/**",
      "./node_modules/@bull-board/ui/package.json",
      "./node_modules/@fontsource/ibm-plex-sans/**",
      "./node_modules/@fontsource/ibm-plex-mono/**",
    ],
  },
  // Browsers ask for /favicon.ico on their own (before a page's icon link is read, or while a client navigation puts
  // the head back together): it is our icon, not a 404.
  rewrites: async () => [{ source: "/favicon.ico", destination: "/icon.svg" }],
  poweredByHeader: false,
  // The dashboard is one Node process on a trusted host: no image optimizer, no telemetry-bearing extras.
  images: { unoptimized: true },
};

export default nextConfig;
