// The Worker budget (issue 12): a Hono app with the SMS routes, bundled for Cloudflare Workers
// as `esbuild --bundle --minify --platform=neutral` does, at most 40 kB min+gz. The OpenAPI
// generator is not in it: an app bundles it only by passing `openapi: createOpenApiDocument`,
// and the second line holds what that costs to what the READMEs say (about 8 kB).
const worker = (name, path, limit) => ({
  name,
  path,
  gzip: true,
  limit,
  modifyEsbuildConfig(config) {
    config.platform = 'neutral'
    // size-limit leaves peer dependencies (hono, zod) out; a Worker bundles them.
    config.external = []
    return config
  },
})

export default [
  worker(
    'Hono worker: core + server layer + @iprog-sms/hono + hono (esbuild neutral, min+gz)',
    'size/worker.ts',
    '40 kB',
  ),
  worker(
    'The same worker serving the OpenAPI document (openapi: createOpenApiDocument)',
    'size/worker-openapi.ts',
    '41 kB',
  ),
]
