import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  IprogApiError,
  IprogAuthError,
  IprogError,
  IprogTimeoutError,
  IprogValidationError,
  isIprogError,
} from './errors.js'

describe('errors', () => {
  it('gives every subclass its stable code and own name', () => {
    expect(new IprogValidationError('bad').code).toBe('validation_error')
    expect(new IprogAuthError('no').code).toBe('auth_error')
    expect(new IprogAuthError('no')).toBeInstanceOf(IprogApiError)
    expect(new IprogTimeoutError('slow', 10, true).name).toBe('IprogTimeoutError')
  })

  it('recognises an error by its brand, even from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('iprog-sms.error')]: true })
    expect(isIprogError(foreign)).toBe(true)
    expect(isIprogError(new Error('x'))).toBe(false)
    expect(isIprogError(new IprogError('api_error', 'y'))).toBe(true)
    expect(isIprogError(null)).toBe(false)
  })

  it('serialises to plain data without stack or cause', () => {
    const err = new IprogApiError(
      'refused',
      { gatewayMessage: 'nope', httpStatus: 402 },
      { cause: new Error('secret') },
    )
    const json = JSON.parse(JSON.stringify(err))
    expect(json).toEqual({
      name: 'IprogApiError',
      code: 'api_error',
      message: 'refused',
      gatewayMessage: 'nope',
      httpStatus: 402,
    })
    expect(JSON.stringify(err)).not.toContain('secret')
  })

  it('lists at least one issue on a validation error', () => {
    expect(new IprogValidationError('Message is empty').issues).toEqual([
      { path: [], message: 'Message is empty' },
    ])
  })

  // A user's bundler renames classes when minifying (esbuild, terser without keepNames): a name
  // taken from the class itself would come out as `h`. Bundled here exactly like that.
  it('keeps every error name, root and server, through a minifying bundler', async () => {
    const require = createRequire(import.meta.url)
    // esbuild comes with tsup (a dev dependency), so it is resolved from there.
    const esbuild = createRequire(require.resolve('tsup'))('esbuild') as {
      build(options: object): Promise<{ outputFiles: { text: string }[] }>
    }
    const result = await esbuild.build({
      stdin: {
        contents: "export * from './errors'\nexport * from './server/errors'",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'cjs',
      platform: 'neutral',
      write: false,
    })
    const module = { exports: {} as Record<string, unknown> }
    new Function('module', 'exports', result.outputFiles[0]!.text)(module, module.exports)
    const classes = Object.entries(module.exports).filter(([name]) => /^Iprog\w*Error$/.test(name))
    expect(classes.length).toBeGreaterThanOrEqual(15)
    // The bundle did rename the classes, so the names below cannot come from them.
    expect(classes.some(([name, cls]) => (cls as { name: string }).name !== name)).toBe(true)
    for (const [name, cls] of classes) {
      const error = new (cls as new (...args: unknown[]) => Error & { toJSON(): object })(
        'x',
        1,
        true,
      )
      expect(error.name).toBe(name)
      expect(Object.hasOwn(error, 'name')).toBe(true)
      expect(error.toJSON()).toMatchObject({ name })
      expect(String(error.stack)).toMatch(new RegExp(`^${name}: `))
    }
  })
})
