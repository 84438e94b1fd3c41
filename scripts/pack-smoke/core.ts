// @iprog-sms/core's README: the quickstart, errors, phone numbers and segmentation.
import {
  analyzeMessage,
  countSegments,
  createClient,
  IprogValidationError,
  isIprogError,
  normalizePhone,
  type SendResult,
  smartEncode,
} from '@iprog-sms/core'
import { check, type Gateway } from './gateway.js'

export async function run(gateway: Gateway): Promise<void> {
  const sms = createClient({ baseUrl: gateway.url, apiToken: gateway.token })
  const sent: SendResult = await sms.messages.send({ to: '0917 123 4567', message: 'Salamat po!' })
  check(sent.messageId && sent.estimate.segmentCount === 1, 'core: messages.send')
  const bulk = await sms.messages.sendBulk({
    to: ['09171234567', '+63 918 765 4321'],
    message: 'Sale today!',
  })
  check(bulk.accepted.length === 2 && bulk.rejected.length === 0, 'core: messages.sendBulk')
  const { verified } = await sms.otp.verify({ to: '09171234567', code: '123456' })
  check(verified === false, 'core: otp.verify of a code never sent')

  check(normalizePhone('+63 917 123 4567') === '639171234567', 'core: normalizePhone')
  try {
    normalizePhone('12')
    check(false, 'core: normalizePhone must refuse 12')
  } catch (error) {
    check(isIprogError(error) && error instanceof IprogValidationError, 'core: typed error')
  }
  check(countSegments('Salamat po!') === 1, 'core: countSegments')
  const a = analyzeMessage('Bayad: ₱1,250 — salamat “po”', { smartEncoding: true })
  check(a.encoding === 'GSM-7' && a.smartEncoded?.text.includes('PHP'), 'core: smartEncoding')
  check(smartEncode('Total: ₱500', { pesoSign: 'P' }).text === 'Total: P500', 'core: smartEncode')
}
