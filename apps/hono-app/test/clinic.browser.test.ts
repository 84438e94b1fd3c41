import { fileURLToPath } from 'node:url'
import { describeClinicPageInBrowser } from '@iprog-sms/clinic-shared/testing'

describeClinicPageInBrowser('Hono', { appDir: fileURLToPath(new URL('..', import.meta.url)) })
