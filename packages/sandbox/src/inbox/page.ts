export const INBOX_PAGE = '<!doctype html><title>inbox</title>'
