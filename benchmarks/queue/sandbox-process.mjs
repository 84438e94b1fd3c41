// The benchmark's sandbox, in its own process so it shares no event loop with the contenders.
// IPC: sends its URL once listening; answers 'clear' with how many messages it held, then empties.
import { startSandbox } from '@iprog-sms/sandbox'

const running = await startSandbox({
  port: 0,
  tokens: { [process.env.SANDBOX_TOKEN]: 100_000_000 },
  maxMessages: 1_000_000,
  statusDelayMs: 3_600_000,
})
process.on('message', (message) => {
  if (message !== 'clear') return
  const count = running.sandbox.messages().length
  running.sandbox.clearInbox()
  // CPU since start: the parent takes differences between clears (one per phase).
  process.send({ count, cpu: process.cpuUsage() })
})
process.once('SIGTERM', async () => {
  await running.close()
  process.exit(0)
})
process.send({ url: running.url })
