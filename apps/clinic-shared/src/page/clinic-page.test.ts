import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clinicPage } from './clinic-page.js'

describe('clinicPage', () => {
  it('allows exactly its own inline script and style, nothing from elsewhere', () => {
    const { html, headers } = clinicPage({ api: 'rest' })
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
    const hash = createHash('sha256').update(script).digest('base64')
    expect(headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`)
    expect(headers['content-security-policy']).toContain("default-src 'none'")
    expect(html).not.toMatch(/<script src|<link rel="stylesheet"|https?:\/\/(?!127)/)
  })

  it('links the sandbox inbox only when there is one, escaped', () => {
    expect(clinicPage({ api: 'trpc' }).html).toContain('data-api="trpc" data-inbox=""')
    const page = clinicPage({ api: 'rest', inboxUrl: 'http://127.0.0.1:4010/"x' })
    expect(page.html).toContain('href="http://127.0.0.1:4010/&quot;x/"')
  })
})
