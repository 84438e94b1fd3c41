import { fileURLToPath } from 'node:url'
import { describeClinicApp } from '@iprog-sms/clinic-shared/testing'

describeClinicApp('Hono', { appDir: fileURLToPath(new URL('..', import.meta.url)), api: 'rest' })
