import { measureMessage } from '../encoding/analyze.js'
import { smartEncode } from '../encoding/smart-encode.js'
import { addIssue, type Issues } from './input-issues.js'
import type { SegmentEstimate } from './types.js'

export interface TextPolicy {
  maxSegments: number
  /** `false`, or the options given to `smartEncode` before counting and sending. */
  smartEncoding: false | { pesoSign?: string }
}

/**
 * Checks one message text and gives what will be sent with its local cost estimate: refuses a
 * non-string, an empty or whitespace-only text, and a text needing more than `maxSegments`
 * parts (the error says how many it needs). Smart encoding, when on, is applied first, so the
 * estimate and the limit are those of the text actually sent.
 *
 * @example
 * ```ts
 * prepareText('Salamat po!', { maxSegments: 10, smartEncoding: false }, issues)
 * // { text: 'Salamat po!', estimate: { encoding: 'GSM-7', segmentCount: 1 } }
 * ```
 */
export function prepareText(
  value: unknown,
  policy: TextPolicy,
  issues: Issues,
  path = 'message',
): { text: string; estimate: SegmentEstimate } | undefined {
  if (typeof value !== 'string') {
    return addIssue(issues, path, 'message_not_string', `${path} must be a string`)
  }
  if (!value.trim()) return addIssue(issues, path, 'message_empty', `${path} is empty`)
  const text = policy.smartEncoding ? smartEncode(value, policy.smartEncoding).text : value
  // measureMessage does not build the parts, so a huge text is refused cheaply.
  const { encoding, segmentCount } = measureMessage(text)
  return segmentCount > policy.maxSegments
    ? addIssue(
        issues,
        path,
        'message_too_long',
        `${path} needs ${segmentCount} SMS parts; the limit is ${policy.maxSegments} (maxSegments)`,
      )
    : { text, estimate: { encoding, segmentCount } }
}
