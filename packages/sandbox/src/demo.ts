/**
 * `pnpm demo`: starts the sandbox, sends a sample SMS, a bulk message and an OTP through the
 * real client, prints what happened and the inbox URL, and stays up until Ctrl-C.
 */
import { analyzeMessage, createClient, isIprogError } from '@iprog-sms/core'
import { DEFAULT_CREDITS, DEFAULT_TOKEN } from './options.js'
import { type RunningSandbox, startSandbox } from './serve/node-server.js'

async function start(): Promise<RunningSandbox> {
  const wanted = Number(process.env.IPROG_SANDBOX_PORT ?? 4010)
  const options = { tokens: { [DEFAULT_TOKEN]: DEFAULT_CREDITS } }
  try {
    return await startSandbox({ ...options, port: wanted })
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error
    console.log(`Port ${wanted} is in use; using a free port instead.`)
    return startSandbox({ ...options, port: 0 })
  }
}

async function main(): Promise<void> {
  const running = await start()
  const sms = createClient({ apiToken: DEFAULT_TOKEN, baseUrl: running.url })
  console.log(
    `Sandbox gateway at ${running.url} (token "${DEFAULT_TOKEN}", ${DEFAULT_CREDITS} credits)\n`,
  )

  const receipt = 'Salamat po! Natanggap na namin ang bayad mo na ₱1,250.00. Ingat palagi!'
  const sent = await sms.messages.send({ to: '0917 123 4567', message: receipt })
  console.log(
    `1. SMS to ${sent.to}: ${sent.messageId}, ${sent.estimate.encoding}, ${sent.smsRate} part(s) charged`,
  )
  // The ₱ alone makes the whole text UCS-2 (70 characters a part instead of 160).
  const smart = analyzeMessage(receipt, { smartEncoding: true })
  console.log(
    `   with createClient({ smartEncoding: true }) it would go as ${smart.encoding} in ${smart.segmentCount} part(s): "${smart.smartEncoded?.text}"`,
  )

  const bulk = await sms.messages.sendBulk({
    to: ['+63 918 765 4321', '0919-222-3333', '639201112222'],
    message: 'Paalala: walang pasok bukas dahil sa bagyo. Stay safe, everyone!',
  })
  console.log(
    `2. Bulk: ${bulk.accepted.length} accepted (${bulk.accepted.map((a) => a.messageId).join(', ')}), ${bulk.rejected.length} rejected`,
  )

  const otp = await sms.otp.send({ to: '09171234567' })
  // A demo prints the code; a real server must never pass it on to a browser.
  console.log(`3. OTP to ${otp.to}: code ${otp.code}, expires ${otp.expiresAt?.toISOString()}`)

  const credits = await sms.account.credits()
  console.log(`\nCredits left: ${credits.balance}`)
  console.log(`\nInbox: ${running.url}/   (statuses turn "completed" after 2 s)`)
  console.log('Press Ctrl-C to stop.')

  const stop = () => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error('Demo failed:', isIprogError(error) ? error.toJSON() : error)
  process.exit(1)
})
