/**
 * `@iprog-sms/clinic-shared/testing`: the harness the four apps' tests share (a child process
 * per app, the sandbox read over its HTTP inspector, one suite over REST or tRPC, one browser
 * walk-through).
 */
export type { AppProcess, ExitedProcess } from './app-process.js'
export { runAppUntilExit, startAppProcess } from './app-process.js'
export type { ClinicPageWalkOptions } from './browser-walk.js'
export { describeClinicPageInBrowser } from './browser-walk.js'
export type { ClinicAppSuiteOptions } from './clinic-app-suite.js'
export { describeClinicApp, manilaMorning } from './clinic-app-suite.js'
export type { Answer, ClinicCall, ClinicDriver } from './clinic-driver.js'
export { clinicDriver } from './clinic-driver.js'
export type { InboxMessage, InboxReminder, SandboxInspector } from './sandbox-inspector.js'
export { sandboxInspector } from './sandbox-inspector.js'
