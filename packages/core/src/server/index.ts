// PLACEHOLDER (scaffold): the operations issue fills this entry (`@iprog-sms/core/server`).
export const SERVER_ENTRY_PENDING = true
