// Statistics and the printed table shared by every harness comparison.

/** `{ min, median, max }` of a list of numbers. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { min: sorted[0], median, max: sorted[sorted.length - 1] }
}

/**
 * A target is met when the median ratio meets `median`; `min`, when given, must also hold for
 * the worst process. Without a target the row is information only.
 */
export function verdict(ratios, target) {
  if (!target) return 'info'
  const ok =
    ratios.median >= target.median && (target.min === undefined || ratios.min >= target.min)
  return ok ? 'PASS' : 'MISS'
}

const fixed = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
export const formatNumber = (n) => (n >= 1000 ? Math.round(n).toLocaleString('en-US') : fixed(n))

const describeTarget = (target) =>
  !target
    ? '—'
    : `median ≥ ${target.median}${target.min === undefined ? '' : `, min ≥ ${target.min}`}`

/**
 * Prints one comparison: a row per subject (ratio min / median / max over the processes,
 * target, verdict), then each contender's per-process figures in run order.
 * `rows`: `{ name, ratios, target, verdict }`; `figures`: name → per-process numbers.
 */
export function printTable({ title, baseline, rows, figures, unit, note }) {
  console.log(`\n### ${title}`)
  if (note) console.log(note)
  console.log('')
  console.log(`| subject ÷ ${baseline} | min | median | max | target | verdict |`)
  console.log('|---|---|---|---|---|---|')
  for (const row of rows) {
    const { min, median, max } = row.ratios
    console.log(
      `| ${row.name} | ${fixed(min)} | **${fixed(median)}** | ${fixed(max)} | ${describeTarget(row.target)} | ${row.verdict} |`,
    )
  }
  console.log('')
  for (const [name, values] of Object.entries(figures)) {
    console.log(`  ${name}, ${unit} per process: ${values.map(formatNumber).join(', ')}`)
  }
}
