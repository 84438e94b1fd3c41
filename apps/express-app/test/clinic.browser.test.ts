import { fileURLToPath } from 'node:url'
import { describeClinicPageInBrowser } from '@iprog-sms/clinic-shared/testing'

describeClinicPageInBrowser('Express', {
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  readmeScreenshots: true,
})
