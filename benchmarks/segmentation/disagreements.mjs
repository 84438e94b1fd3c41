// Where each npm peer's part count or encoding differs from ours on the corpus, grouped by
// cause with one example each, and who is right per 3GPP TS 23.038 / 23.040.
import { analyzeMessage } from '@iprog-sms/core'

const ucs2Units = (text) => text.length
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** What a peer's count would be if it ignored escape/surrogate pairs at part boundaries. */
function naiveCount(analysis) {
  const single = analysis.encoding === 'GSM-7' ? 160 : 70
  const multi = analysis.encoding === 'GSM-7' ? 153 : 67
  return analysis.units === 0 ? 0 : analysis.units <= single ? 1 : Math.ceil(analysis.units / multi)
}

/** What a peer's count would be if it never split a grapheme cluster (ZWJ emoji, flags). */
function graphemeCount(text, analysis) {
  if (analysis.encoding !== 'UCS-2' || ucs2Units(text) <= 70) return analysis.segmentCount
  let parts = 1
  let fill = 0
  for (const { segment } of graphemes.segment(text)) {
    // grapheme-splitter (used by the peer) splits CRLF into two characters.
    for (const unit of segment === '\r\n' ? ['\r', '\n'] : [segment]) {
      if (fill + unit.length > 67) {
        parts++
        fill = 0
      }
      fill += unit.length
    }
  }
  return parts
}

function explain(text, ours, theirs) {
  if (ours.encoding !== theirs.encoding) {
    const culprit = text.includes('\f') ? 'form feed' : 'other'
    return `encoding ${theirs.encoding} where ours is ${ours.encoding} (${culprit})`
  }
  if (text === '') return `empty message: ${theirs.segmentCount} part(s), ours 1`
  const naive = naiveCount(ours)
  if (theirs.segmentCount === naive) {
    const pair = ours.encoding === 'GSM-7' ? 'an escape pair' : 'a surrogate pair'
    return `${ours.encoding}: counts ceil(units/${ours.encoding === 'GSM-7' ? 153 : 67}), i.e. would split ${pair} across parts`
  }
  if (theirs.segmentCount === graphemeCount(text, ours)) {
    return `${ours.encoding}: keeps whole grapheme clusters (ZWJ emoji, flags, skin tones) in one part`
  }
  return `${ours.encoding}: ${theirs.segmentCount > ours.segmentCount ? 'more' : 'fewer'} parts, unexplained`
}

function disagreements(peer, corpus, kinds) {
  const byKind = new Map()
  for (let i = 0; i < corpus.length; i++) {
    const text = corpus[i]
    const analysis = analyzeMessage(text)
    const theirs = peer.judge(text)
    if (theirs.encoding === analysis.encoding && theirs.segmentCount === analysis.segmentCount)
      continue
    const key = explain(text, analysis, theirs)
    const entry = byKind.get(key)
    if (entry) entry.count++
    else byKind.set(key, { count: 1, text, corpusKind: kinds[i], ours: analysis, theirs })
  }
  return byKind
}

const unitsOf = (part, encoding) =>
  encoding === 'GSM-7' ? analyzeMessage(part).units : part.length

/** The place in the example where ours and the peer part ways. */
function detail(text, ours, kind) {
  const ends = []
  let at = 0
  for (const part of ours.segments.slice(0, -1)) {
    at += part.length
    ends.push(at)
  }
  if (kind.includes('grapheme')) {
    for (const { segment, index } of graphemes.segment(text)) {
      const cut = ends.find((end) => end > index && end < index + segment.length)
      if (cut !== undefined) {
        return `grapheme ${JSON.stringify(segment)} (${segment.length} units) at ${index}: ours cuts it at ${cut}, between two code points`
      }
    }
  }
  for (let p = 0; p < ends.length; p++) {
    const units = unitsOf(ours.segments[p], ours.encoding)
    if (units < ours.unitsPerSegment) {
      const head = String.fromCodePoint(ours.segments[p + 1].codePointAt(0))
      return `our part ${p + 1} holds ${units}/${ours.unitsPerSegment}: ${JSON.stringify(head)} (2 units) would straddle, so it starts part ${p + 2}`
    }
  }
  return ''
}

const show = (text) => {
  const json = JSON.stringify(text)
  return json.length > 90 ? `${json.slice(0, 60)}…${json.slice(-25)} (${text.length} units)` : json
}

/**
 * Prints every peer's disagreements with `analyzeMessage` on the corpus. `peers`:
 * `[{ name, judge(text) → { encoding, segmentCount } }]`.
 */
export function printDisagreements(peers, corpus, kinds) {
  console.log('\nDisagreements with ours (encoding or part count), by kind, one example each:')
  for (const peer of peers) {
    const byKind = disagreements(peer, corpus, kinds)
    const total = [...byKind.values()].reduce((sum, e) => sum + e.count, 0)
    console.log(`\n${peer.name}: ${total} of ${corpus.length} messages`)
    for (const [kind, e] of byKind) {
      console.log(`  ${String(e.count).padStart(5)} × ${kind}`)
      console.log(`          e.g. [${e.corpusKind}] ${show(e.text)}`)
      const parts = e.ours.segments.map((part) => unitsOf(part, e.ours.encoding)).join('+')
      console.log(
        `          ours ${e.ours.encoding} ${e.ours.units} units → ${e.ours.segmentCount} part(s) ` +
          `[${parts}]; ${peer.name} ${e.theirs.encoding} → ${e.theirs.segmentCount} part(s)`,
      )
      const where = detail(e.text, e.ours, kind)
      if (where) console.log(`          ${where}`)
    }
  }
}
