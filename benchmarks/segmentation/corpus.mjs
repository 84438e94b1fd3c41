// The seeded message corpus of the segmentation benchmark: Philippine SMS traffic as it looks
// to a segmenter (short and long GSM-7, ñ, accented Tagalog, extension characters, emoji, ₱,
// CRLF/tab), a quarter of it cut to land within 2 units of a part boundary.
export const SEED = 0x1e2a11

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
let random = mulberry32(SEED)
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

/**
 * The seeded corpus: `size` messages in the shares of KINDS (a quarter cut near a part
 * boundary) plus 12 empty ones, the same texts in every process. `kinds[i]` names the kind of
 * `corpus[i]`.
 */
export function buildCorpus(size = Number(process.env.SEGMENTS_CORPUS ?? 24_000)) {
  random = mulberry32(SEED)
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
