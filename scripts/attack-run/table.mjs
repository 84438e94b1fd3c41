/**
 * Markdown tables of the rows the families return. A row counts `requests` (HTTP requests the
 * attack made), `fivexx` (answers 500-599 where the product promises a 4xx or a success),
 * `leaks` (answers, errors or log lines holding the token) and `bypasses` (what its `counts`
 * says: duplicates, SMS sent, guesses accepted, …); `null` is "not measured by this attack".
 */

const cell = (value) => (value === null || value === undefined ? '–' : String(value))

/**
 * @example
 * ```js
 * console.log(singleTable({ checkout: '/work/wt/before', commit: 'c6b36cd', rows, seconds: 93 }))
 * ```
 */
export function singleTable(result) {
  const lines = [
    `### ${result.checkout} (${result.commit}), ${result.seconds} s`,
    '',
    '| attack | requests | 5xx | leaks | duplicates / bypasses | what the last count is | figure |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ]
  for (const row of result.rows) {
    lines.push(
      `| ${row.attack} | ${cell(row.requests)} | ${cell(row.fivexx)} | ${cell(row.leaks)} | ${cell(row.bypasses)} | ${row.counts} | ${cell(row.figure)} |`,
    )
  }
  const notes = result.rows.filter((row) => row.note)
  if (notes.length > 0) {
    lines.push('', ...notes.map((row) => `- ${row.attack}: ${row.note}`))
  }
  return lines.join('\n')
}

const pair = (before, after) =>
  cell(before) === cell(after) ? cell(before) : `${cell(before)} → ${cell(after)}`

/** Before and after side by side: each cell is `before → after` (one value when equal). */
export function comparisonTable(before, after) {
  const afterById = new Map(after.rows.map((row) => [row.id, row]))
  const lines = [
    `### before ${before.commit} → after ${after.commit} (${before.seconds} s / ${after.seconds} s)`,
    '',
    '| attack | requests | 5xx | leaks | duplicates / bypasses | what the last count is | figure |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ]
  const ids = [...new Set([...before.rows.map((r) => r.id), ...after.rows.map((r) => r.id)])]
  const beforeById = new Map(before.rows.map((row) => [row.id, row]))
  for (const id of ids) {
    const b = beforeById.get(id) ?? {}
    const a = afterById.get(id) ?? {}
    const row = a.attack ? a : b
    lines.push(
      `| ${row.attack} | ${pair(b.requests, a.requests)} | ${pair(b.fivexx, a.fivexx)} | ${pair(b.leaks, a.leaks)} | **${pair(b.bypasses, a.bypasses)}** | ${row.counts} | ${pair(b.figure, a.figure)} |`,
    )
  }
  return lines.join('\n')
}
