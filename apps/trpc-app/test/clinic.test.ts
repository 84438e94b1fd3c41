import { fileURLToPath } from 'node:url'
import { describeClinicApp } from '@iprog-sms/clinic-shared/testing'

describeClinicApp('tRPC', { appDir: fileURLToPath(new URL('..', import.meta.url)), api: 'trpc' })
