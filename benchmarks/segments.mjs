// Segmentation benchmark: @iprog-sms/core against split-sms, sms-segments-calculator and
// sms-length on one seeded corpus, in the same run. Prints messages/s, ratios, PASS/MISS per
// target and every peer's disagreements with ours. Always exits 0 (benchmarks never fail CI).
//
//   node benchmarks/segments.mjs            (after building core)
//   SEGMENTS_CORPUS=50000 node benchmarks/segments.mjs
import { createRequire } from 'node:module'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { analyzeMessage, countSegments } from '@iprog-sms/core'

const require = createRequire(import.meta.url)
const splitSms = require('split-sms')
const { SegmentedMessage } = require('sms-segments-calculator')
const { count: smsLength } = require('sms-length')

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc')

// ---------------------------------------------------------------- seeded corpus
const SEED = 0x1e2a11
const CORPUS_SIZE = Number(process.env.SEGMENTS_CORPUS ?? 24_000)

function mulberry32(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(SEED)
const int = (min, max) => min + Math.floor(random() * (max - min + 1))
const pick = (list) => list[Math.floor(random() * list.length)]

const EN = (
  'your code is valid for minutes do not share this with anyone payment received thank you ' +
  'order has been shipped reminder appointment tomorrow at the clinic please reply YES to ' +
  'confirm balance account delivery today rider arriving pickup branch Makati Cebu Davao ' +
  'promo sale ends Sunday call us at 0917-123-4567 visit our store OTP PIN loan due date'
).split(' ')
const TL = (
  'salamat po ang inyong bayad ay natanggap na namin paalala bukas ng umaga sa klinika ' +
  'mag-ingat kayo pakisagot OO upang kumpirmahin padala darating ngayong araw maraming ' +
  'kaibigan pamilya trabaho pera tindahan bili presyo libre kumain ka na ba ingat lagi ' +
  'magandang gabi kuya ate lola lolo anak sweldo hulog utang bayarin kuryente tubig'
).split(' ')
const ENYE = [
  'Niño',
  'Señor',
  'Parañaque',
  'Dasmariñas',
  'piña',
  'Peñafrancia',
  'España',
  'Muñoz',
  'SEÑORA',
  'kañao',
]
const ACCENTED = [
  'Magandáng',
  'umága',
  'salámat',
  'pô',
  'bátà',
  'gabí',
  'ginóo',
  'ikáw',
  'akó',
  'tayô',
  'bakâ',
  'Ginú',
]
const EXTENSION = [
  '{ref}',
  '[OK]',
  '~',
  '|',
  '^',
  '\\',
  '€5',
  '€',
  '{',
  '}',
  '[',
  ']',
  '[{|}]',
  '~~',
]
const EMOJI = [
  '😀',
  '🙏',
  '❤️',
  '👍',
  '🎉',
  '🇵🇭',
  '👨‍👩‍👧',
  '👩🏽‍💻',
  '🤣',
  '✅',
  '📦',
  '💸',
  '🥳',
  '👋🏻',
  '🏳️‍🌈',
  '☀️',
  '★',
]
const SPACING = ['\r\n', '\n', '\t', '  ', '\r\n\r\n']

const peso = () => {
  const amount = String(int(1, 250_000)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return random() < 0.5 ? `₱${amount}.00` : `₱${amount}`
}

// Each kind: share of the corpus, lengths in UTF-16 units, and a token source.
const KINDS = [
  { name: 'short GSM', share: 0.22, min: 8, max: 160, token: () => pick(EN) },
  {
    name: 'long GSM',
    share: 0.13,
    min: 161,
    max: 700,
    token: () => pick(random() < 0.5 ? EN : TL),
  },
  {
    name: 'Tagalog ñ (GSM)',
    share: 0.15,
    min: 20,
    max: 480,
    token: () => (random() < 0.12 ? pick(ENYE) : pick(TL)),
  },
  {
    name: 'Tagalog á (UCS-2)',
    share: 0.1,
    min: 20,
    max: 400,
    token: () => (random() < 0.1 ? pick(ACCENTED) : pick(TL)),
  },
  {
    name: 'extension-heavy',
    share: 0.12,
    min: 40,
    max: 480,
    token: () => (random() < 0.35 ? pick(EXTENSION) : random() < 0.002 ? '\f' : pick(EN)),
  },
  {
    name: 'emoji-heavy',
    share: 0.1,
    min: 6,
    max: 320,
    token: () => (random() < 0.4 ? pick(EMOJI) : pick(random() < 0.5 ? EN : TL)),
  },
  {
    name: '₱ amounts',
    share: 0.12,
    min: 20,
    max: 320,
    token: () => (random() < 0.15 ? peso() : pick(random() < 0.5 ? EN : TL)),
  },
  {
    name: 'CRLF/tab',
    share: 0.06,
    min: 20,
    max: 400,
    token: () => (random() < 0.1 ? pick(SPACING) : pick(TL)),
  },
]

// A quarter of the messages are cut to land within 2 units of a part boundary.
const EDGES = [160, 161, 306, 307, 459, 460, 612, 70, 71, 134, 135, 201, 202, 268]

function message(kind) {
  let target = int(kind.min, kind.max)
  if (random() < 0.25) target = pick(EDGES) + int(-2, 2)
  let text = ''
  while (text.length < target) text += (text === '' ? '' : ' ') + kind.token()
  const codePoints = Array.from(text)
  while (text.length > target && codePoints.length > 0) {
    codePoints.pop()
    text = codePoints.join('')
  }
  return text
}

function buildCorpus(size) {
  const corpus = []
  const kinds = []
  for (const kind of KINDS) {
    const n = Math.round(size * kind.share)
    for (let i = 0; i < n; i++) {
      corpus.push(message(kind))
      kinds.push(kind.name)
    }
  }
  for (let i = 0; i < 12; i++) {
    corpus.push('')
    kinds.push('empty')
  }
  // Through JSON, as messages reach a server: flat strings, not the ropes built above.
  return { corpus: JSON.parse(JSON.stringify(corpus)), kinds }
}

// ---------------------------------------------------------------- contenders
// Each returns the part count (and, for disagreements, the encoding) the way its README says.
const OURS_COUNT = { name: 'ours countSegments', run: (text) => countSegments(text) }
const OURS_ANALYZE = {
  name: 'ours analyzeMessage',
  run: (text) => analyzeMessage(text).segmentCount,
}
const PEERS = [
  {
    name: 'split-sms',
    run: (text) => splitSms.split(text).parts.length,
    judge: (text) => {
      const info = splitSms.split(text)
      return {
        encoding: info.characterSet === 'GSM' ? 'GSM-7' : 'UCS-2',
        segmentCount: info.parts.length,
      }
    },
  },
  {
    name: 'sms-segments-calculator',
    run: (text) => new SegmentedMessage(text).segmentsCount,
    judge: (text) => {
      const info = new SegmentedMessage(text)
      return { encoding: info.encodingName, segmentCount: info.segmentsCount }
    },
  },
  {
    name: 'sms-length',
    run: (text) => smsLength(text).messages,
    judge: (text) => {
      const info = smsLength(text)
      return {
        encoding: info.encoding === 'UTF16' ? 'UCS-2' : 'GSM-7',
        segmentCount: info.messages,
      }
    },
  },
]

// ---------------------------------------------------------------- timing
let sink = 0

function pass(contender, corpus) {
  let total = 0
  for (let i = 0; i < corpus.length; i++) total += contender.run(corpus[i])
  return total
}

/** One round: whole-corpus passes until at least minMs elapsed; returns messages/s. */
function round(contender, corpus, minMs) {
  gc()
  let messages = 0
  const start = performance.now()
  let elapsed = 0
  do {
    sink += pass(contender, corpus)
    messages += corpus.length
    elapsed = performance.now() - start
  } while (elapsed < minMs)
  return (messages / elapsed) * 1000
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

// ---------------------------------------------------------------- disagreements
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
  const theirAnswers = answers.get(peer.name)
  for (let i = 0; i < corpus.length; i++) {
    const text = corpus[i]
    const analysis = analyzeMessage(text)
    const theirs = theirAnswers[i]
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

// ---------------------------------------------------------------- main
const started = performance.now()
const { corpus, kinds } = buildCorpus(CORPUS_SIZE)
const chars = corpus.reduce((sum, text) => sum + text.length, 0)
console.log(
  `Segmentation benchmark: ${corpus.length} messages (seed 0x${SEED.toString(16)}), ` +
    `${(chars / corpus.length).toFixed(0)} UTF-16 units on average, ` +
    `${corpus.filter((t) => analyzeMessage(t).encoding === 'UCS-2').length} UCS-2, ` +
    `${corpus.filter((t) => countSegments(t) > 1).length} multipart`,
)

const contenders = [OURS_COUNT, OURS_ANALYZE, ...PEERS]
// sms-segments-calculator needs tens of seconds per pass over the corpus: it gets one timed
// pass (the same one that collects its answers), after a warm-up on a 1-in-20 sample.
const SLOW = 'sms-segments-calculator'
const fast = contenders.filter((c) => c.name !== SLOW)
const slow = contenders.find((c) => c.name === SLOW)
// Warm-up: JIT every contender before timing.
for (const contender of fast) sink += pass(contender, corpus)
sink += pass(
  slow,
  corpus.filter((_, i) => i % 20 === 0),
)

const ROUNDS = Number(process.env.SEGMENTS_ROUNDS ?? 9)
const samples = new Map(contenders.map((c) => [c.name, []]))
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order so no contender always runs right after the same neighbour.
  for (let k = 0; k < fast.length; k++) {
    const contender = fast[(k + r) % fast.length]
    samples.get(contender.name).push(round(contender, corpus, 300))
  }
}
const answers = new Map()
for (const peer of PEERS) {
  gc()
  const start = performance.now()
  answers.set(peer.name, corpus.map(peer.judge))
  if (peer === slow)
    samples.get(peer.name).push((corpus.length / (performance.now() - start)) * 1000)
}
const speed = new Map([...samples].map(([name, values]) => [name, median(values)]))

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const fastestPeer = PEERS.reduce((best, peer) =>
  speed.get(peer.name) > speed.get(best.name) ? peer : best,
)
console.log('\nmessages/s (median of rounds)  | vs countSegments | vs analyzeMessage')
for (const contender of contenders) {
  const mps = speed.get(contender.name)
  const vsCount = (speed.get(OURS_COUNT.name) / mps).toFixed(1)
  const vsAnalyze = (speed.get(OURS_ANALYZE.name) / mps).toFixed(1)
  const rounds = samples.get(contender.name).length
  console.log(
    `${contender.name.padEnd(24)} ${fmt(mps).padStart(12)} | ours ${vsCount.padStart(6)}× | ours ${vsAnalyze.padStart(6)}×  (${rounds} rounds)`,
  )
}

const countRatio = speed.get(OURS_COUNT.name) / speed.get(fastestPeer.name)
const analyzeRatio = speed.get(OURS_ANALYZE.name) / speed.get(fastestPeer.name)
console.log(`\nfastest peer: ${fastestPeer.name}`)
console.log(
  `${countRatio >= 5 ? 'PASS' : 'MISS'} countSegments ≥ 5× fastest peer: ${countRatio.toFixed(1)}×`,
)
console.log(
  `${analyzeRatio >= 2 ? 'PASS' : 'MISS'} analyzeMessage ≥ 2× fastest peer: ${analyzeRatio.toFixed(1)}×`,
)

console.log('\nDisagreements with ours (encoding or part count), by kind, one example each:')
for (const peer of PEERS) {
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

console.log(`\n(checksum ${sink}; ${((performance.now() - started) / 1000).toFixed(1)} s)`)
