/**
 * Redirects from the gateway: a gateway (or something in front of it) answers 301/302/303/307/
 * 308 with a `Location` on another host, keeping the path and query. The other host records what
 * reaches it and answers like a gateway that accepted the send. Counts the token reaching the
 * other host (body or URL) or an error, and calls reported as a success although the gateway
 * carried nothing out. The promise: no redirect is followed, any 3xx is an `IprogApiError`.
 */
import http from 'node:http'
import { row, TOKEN } from '../environment.mjs'
import { errorTexts, leakCounter } from '../leaks.mjs'

const STATUSES = [307, 308, 302, 301, 303]

/** @example `const rows = await redirects(loadCheckout(dir))` */
export async function redirects(co) {
  const leaks = leakCounter(TOKEN)
  const other = await startServer((req, body) => {
    other.seen.push(`${req.method} ${req.url} ${body}`)
    return successFor(req.url)
  })
  other.seen = []
  let status = 307
  const gateway = await startServer((req) => ({
    status,
    headers: { location: `${other.url}${req.url}` },
    body: '',
  }))
  const rows = []
  try {
    for (const code of STATUSES) {
      status = code
      other.seen.length = 0
      const client = co.core.createClient({
        apiToken: TOKEN,
        baseUrl: gateway.url,
        timeoutMs: 5_000,
        retry: false,
      })
      const calls = [
        () => client.messages.send({ to: '09171234567', message: 'redirected' }),
        () => client.messages.sendBulk({ to: ['09171234567', '09181234567'], message: 'bulk' }),
        () => client.otp.send({ to: '09171234567' }),
        () => client.account.credits(),
      ]
      let falseSuccesses = 0
      let errorLeaks = 0
      const succeeded = []
      for (const [i, call] of calls.entries()) {
        try {
          const result = await call()
          const accepted = result?.accepted === undefined || result.accepted.length > 0
          if (accepted) {
            falseSuccesses += 1
            succeeded.push(['send', 'sendBulk', 'otp.send', 'credits'][i])
          }
          if (leaks.check(JSON.stringify(result))) errorLeaks += 1
        } catch (error) {
          if (errorTexts(error).some((text) => leaks.check(text))) errorLeaks += 1
        }
      }
      const tokenAtOther = other.seen.filter((line) => leaks.check(line)).length
      rows.push(
        row(
          `redirect:${code}`,
          `gateway answers ${code} to another host`,
          'false successes (leaks: token at the other host or in an error)',
          {
            requests: calls.length,
            leaks: tokenAtOther + errorLeaks,
            bypasses: falseSuccesses,
            note: succeeded.length ? `succeeded: ${succeeded.join(', ')}` : '',
          },
        ),
      )
    }
  } finally {
    await gateway.close()
    await other.close()
  }
  return rows
}

function successFor(url) {
  const path = url.split('?')[0]
  const link = 'https://other.example/api/v1/sms_messages/status?message_id=iSms-EVIL01'
  if (path.endsWith('/send_bulk')) {
    return json({
      status: 200,
      message: 'Bulk SMS successfully queued for delivery.',
      message_ids: 'iSms-EVIL01,iSms-EVIL02',
      sms_rates: '1,1',
      message_status_link: link,
    })
  }
  if (path.endsWith('/sms_messages')) {
    return json({
      status: 200,
      message: 'SMS successfully queued for delivery.',
      message_id: 'iSms-EVIL01',
      message_status_link: link,
      message_status_request_mode: 'GET',
      sms_rate: 1,
    })
  }
  if (path.endsWith('/send_otp')) {
    return json({
      status: 'success',
      message: 'OTP sent successfully.',
      data: {
        otp_code: '123456',
        otp_code_expires_at: '2030-03-01 10:00AM',
        otp_code_confirmed: false,
        phone_number: '639171234567',
        message: 'Your code is 123456',
      },
    })
  }
  return json({ status: 'success', message: 'Account found.', data: { load_balance: 1000 } })
}

const json = (value) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
})

async function startServer(answer) {
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const reply = answer(req, Buffer.concat(chunks).toString('utf8'))
      res.writeHead(reply.status, reply.headers)
      res.end(reply.body)
    })
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
