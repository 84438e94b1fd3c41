// PLACEHOLDER (scaffold): the client issue replaces this file.
import { IprogError } from './errors.js'
import type { ClientOptions, SmsClient } from './types.js'

export function createClient(_options: ClientOptions = {}): SmsClient {
  const todo = () => Promise.reject(new IprogError('not_implemented', 'not implemented yet'))
  return {
    messages: { send: todo, sendBulk: todo, status: todo },
    account: { credits: todo },
    otp: { send: todo, verify: todo },
    reminders: { create: todo, get: todo, update: todo, delete: todo },
  }
}
