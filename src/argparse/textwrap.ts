/**
 * Python's textwrap.wrap (break_on_hyphens and break_long_words on), which argparse
 * uses for every help paragraph. Ported so that help text breaks lines where the
 * reference does, including after hyphens inside words.
 */
const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
const WORD_PUNCT = `[\\p{L}\\p{N}_!"'&.,?]`;
const LETTER = '[\\p{L}]';
const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=[\\p{L}\\p{N}_])` +
    `|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}[\\p{L}\\p{N}_])))`,
  'gu',
);

function splitChunks(text: string): string[] {
  return text.split(WORDSEP).filter((c) => c !== '' && c !== undefined);
}

export function wrap(text: string, width: number): string[] {
  const chunks = splitChunks(text.replace(/[\t\n\x0b\x0c\r]/g, ' ')).reverse();
  const lines: string[] = [];
  while (chunks.length > 0) {
    const line: string[] = [];
    let len = 0;
    if (lines.length > 0 && chunks[chunks.length - 1].trim() === '') chunks.pop();
    while (chunks.length > 0) {
      const n = [...chunks[chunks.length - 1]].length;
      if (len + n <= width) {
        line.push(chunks.pop() as string);
        len += n;
      } else break;
    }
    if (chunks.length > 0 && [...chunks[chunks.length - 1]].length > width) {
      // _handle_long_word: break the chunk to fill the rest of the line.
      const spaceLeft = width - len < 1 ? 1 : width - len;
      const chars = [...(chunks.pop() as string)];
      line.push(chars.slice(0, spaceLeft).join(''));
      len += spaceLeft;
      chunks.push(chars.slice(spaceLeft).join(''));
    }
    if (line.length > 0 && line[line.length - 1].trim() === '') {
      line.pop();
    }
    if (line.length > 0) lines.push(line.join(''));
  }
  return lines;
}

/** argparse's whitespace normalisation before wrapping. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
