const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * The text with lone UTF-16 surrogates replaced by U+FFFD, as UTF-8 encoding would do anyway:
 * stated once here so what a program receives is defined, not an accident of the encoder.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD')
}
