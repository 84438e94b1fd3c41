// The embedded engine (@iprog-sms/core/queue) against the queue contract.
import { createSmsQueue } from '@iprog-sms/core/queue'
import { describeSmsQueueContract } from './contract/suite.js'

describeSmsQueueContract('embedded', async (options) => {
  const queue = createSmsQueue(options)
  return { queue, close: () => queue.close() }
})
