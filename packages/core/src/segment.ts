// PLACEHOLDER (scaffold): the segmentation issue replaces this file with the exact engine.
export type Encoding = 'GSM-7' | 'UCS-2'

export interface NonGsmChar {
  char: string
  index: number
}

export interface AnalyzeOptions {
  smartEncoding?: boolean | { pesoSign?: string }
}

export interface MessageAnalysis {
  encoding: Encoding
  units: number
  segmentCount: number
  segments: string[]
  unitsPerSegment: number
  remaining: number
  nonGsmChars: NonGsmChar[]
}

export function analyzeMessage(text: string, _options: AnalyzeOptions = {}): MessageAnalysis {
  const gsm = /^[\x20-\x7e\n\r]*$/.test(text)
  const single = gsm ? 160 : 70
  const multi = gsm ? 153 : 67
  const units = text.length
  const segmentCount = units <= single ? 1 : Math.ceil(units / multi)
  const per = segmentCount === 1 ? single : multi
  const segments: string[] = []
  for (let i = 0; i < Math.max(units, 1); i += per) segments.push(text.slice(i, i + per))
  return {
    encoding: gsm ? 'GSM-7' : 'UCS-2',
    units,
    segmentCount,
    segments,
    unitsPerSegment: per,
    remaining: segmentCount * per - units,
    nonGsmChars: [],
  }
}

export function countSegments(text: string): number {
  return analyzeMessage(text).segmentCount
}
