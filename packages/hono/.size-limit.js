// The Worker budget (issue 12): a Hono app with the SMS routes, bundled for Cloudflare Workers
// as `esbuild --bundle --minify --platform=neutral` does, at most 40 kB min+gz. The OpenAPI
// generator is not in it: an app bundles it only by passing `openapi: createOpenApiDocument`.
export default [
  {
    name: 'Hono worker: core + server layer + @iprog-sms/hono + hono (esbuild neutral, min+gz)',
    path: 'size/worker.ts',
    gzip: true,
    limit: '40 kB',
    modifyEsbuildConfig(config) {
      config.platform = 'neutral'
      // size-limit leaves peer dependencies (hono, zod) out; a Worker bundles them.
      config.external = []
      return config
    },
  },
]
