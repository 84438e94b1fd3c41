// PLACEHOLDER (scaffold): the segmentation issue replaces this file.
export interface SmartEncodeOptions {
  pesoSign?: string
}

export interface Replacement {
  from: string
  to: string
  index: number
}

export interface SmartEncodeResult {
  text: string
  replaced: Replacement[]
}

export function smartEncode(text: string, _options: SmartEncodeOptions = {}): SmartEncodeResult {
  return { text, replaced: [] }
}
