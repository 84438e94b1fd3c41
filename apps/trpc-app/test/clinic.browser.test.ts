import { fileURLToPath } from 'node:url'
import { describeClinicPageInBrowser } from '@iprog-sms/clinic-shared/testing'

describeClinicPageInBrowser('tRPC', { appDir: fileURLToPath(new URL('..', import.meta.url)) })
