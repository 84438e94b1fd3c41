// Gateway answers as documented in shared/iprog-api.md, for the recording server to replay.
export const TOKEN = 'tok_SECRET_1234567890abcdef'

export const sendOk = (id = 'iSms-abc123', rate = 1) => ({
  status: 200,
  message: 'SMS successfully queued for delivery.',
  message_id: id,
  message_status_link: `https://www.iprogsms.com/api/v1/sms_messages/status?api_token=${TOKEN}&message_id=${id}`,
  message_status_request_mode: 'GET',
  sms_rate: rate,
})

export const bulkOk = (ids: string[], rates?: number[]) => ({
  status: 200,
  message: 'Bulk SMS successfully queued for delivery.',
  message_ids: ids.join(','),
  ...(rates ? { sms_rates: rates.join(',') } : {}),
  message_status_link: `https://www.iprogsms.com/api/v1/sms_messages/status?api_token=${TOKEN}&message_id=${ids[0]}`,
  message_status_request_mode: 'GET',
})

export const invalidToken = { status: 500, message: 'Invalid api token or no load balance' }

export const reminderData = (over: Record<string, unknown> = {}) => ({
  id: 7,
  phone_number: '09171251234',
  message: 'Internet Bill.',
  scheduled_at: '2030-03-08T05:00:00.000+08:00',
  status: 'scheduled',
  created_at: '2030-03-07T16:11:38.937+08:00',
  updated_at: '2030-03-07T16:11:38.937+08:00',
  ...over,
})

export const success = (data: unknown, message = 'OK') => ({ status: 'success', message, data })
