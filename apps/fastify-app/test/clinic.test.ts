import { fileURLToPath } from 'node:url'
import { describeClinicApp } from '@iprog-sms/clinic-shared/testing'

describeClinicApp('Fastify', { appDir: fileURLToPath(new URL('..', import.meta.url)), api: 'rest' })
