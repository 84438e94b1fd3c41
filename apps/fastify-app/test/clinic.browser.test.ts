import { fileURLToPath } from 'node:url'
import { describeClinicPageInBrowser } from '@iprog-sms/clinic-shared/testing'

describeClinicPageInBrowser('Fastify', { appDir: fileURLToPath(new URL('..', import.meta.url)) })
