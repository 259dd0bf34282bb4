/**
 * Splits a source field holding several numbers ('13812345678/13987654321', '13812345678，13987654321',
 * '13812345678 13987654321') without cutting one number apart ('138 1234 5678', '010-62345678 转 123').
 *
 * A cut is made only where both sides stand alone as numbers, judged by the single-number normaliser itself, so the
 * splitter can never disagree with what the normaliser accepts.
 */
import { FIELD_SEPARATOR_PATTERN, foldPhoneCharacters } from './phone-text.js';
import { MAXIMUM_RAW_LENGTH, normalizeSinglePhone } from './single-phone-normalizer.js';

interface Span {
  start: number;
  end: number;
}

const GLOBAL_FIELD_SEPARATOR_PATTERN = new RegExp(FIELD_SEPARATOR_PATTERN.source, 'g');
const WHITESPACE_RUN_PATTERN = /\s+/g;
const HAS_LETTER_OR_DIGIT_PATTERN = /[\p{L}\p{N}]/u;
/** Whitespace splitting tries every cut; past this many words the field is prose, not a list of numbers. */
const MAXIMUM_WORDS = 12;

/** Pieces of `raw` (trimmed substrings, in order) that each hold one number, a placeholder, or a masked number. */
export function splitPhoneField(raw: string): string[] {
  if (typeof raw !== 'string') return [];
  const whole = raw.trim();
  if (whole === '') return [];
  // Too long to be a phone field; the normaliser reports it as too_long, so do not spend time cutting it
  if (raw.length > MAXIMUM_RAW_LENGTH) return [whole];
  // Half-width conversion keeps every index, so spans found in `text` slice `raw` correctly
  const text = foldPhoneCharacters(raw);
  const separated = mergeIncompleteNeighbours(raw, spansBetween(text, GLOBAL_FIELD_SEPARATOR_PATTERN, 0, text.length));
  const pieces: string[] = [];
  for (const span of separated) {
    for (const part of splitOnWhitespace(raw, text, span)) {
      const piece = raw.slice(part.start, part.end).trim();
      if (piece !== '') pieces.push(piece);
    }
  }
  if (pieces.length <= 1) return [whole];
  // '13812345678 / -' : a lone dash between numbers carries nothing
  const meaningful = pieces.filter((piece) => HAS_LETTER_OR_DIGIT_PATTERN.test(piece));
  return meaningful.length === 0 ? [whole] : meaningful;
}

/** Non-empty spans of text[from, to) between matches of a global pattern. */
function spansBetween(text: string, separator: RegExp, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let start = from;
  separator.lastIndex = from;
  for (let match = separator.exec(text); match !== null && match.index < to; match = separator.exec(text)) {
    if (match.index > start) spans.push({ start, end: match.index });
    start = match.index + match[0].length;
    if (match[0].length === 0) separator.lastIndex++;
  }
  if (to > start) spans.push({ start, end: to });
  return spans;
}

/** Rejoins pieces cut at a separator that was part of one number or note ('010/62345678', 'N/A'). */
function mergeIncompleteNeighbours(raw: string, spans: Span[]): Span[] {
  const merged: Span[] = [];
  let current: Span | undefined;
  for (const span of spans) {
    if (raw.slice(span.start, span.end).trim() === '') continue;
    if (current === undefined) {
      current = span;
    } else if (standsAlone(raw, current, true) && standsAlone(raw, span, true)) {
      merged.push(current);
      current = span;
    } else {
      current = { start: current.start, end: span.end };
    }
  }
  if (current !== undefined) merged.push(current);
  return merged;
}

/**
 * Cuts at whitespace only where the words before form a number and the words after start another one.
 *
 * A group that is merely a local number without its area code ('+86 755 8601', '3388-123') may just as well be a
 * piece of a longer number, so complete (usable) numbers are preferred. Words that read as one complete number are
 * cut only into complete numbers ('95588 10086'), never into such pieces ('+86 755 8601 3388-123' stays whole);
 * otherwise the cut leaving the most complete numbers on its two sides wins, the earliest among equals.
 */
function splitOnWhitespace(raw: string, text: string, span: Span): Span[] {
  const words = spansBetween(text, WHITESPACE_RUN_PATTERN, span.start, span.end);
  if (words.length <= 1 || words.length > MAXIMUM_WORDS) return [span];
  const pieces = new PieceReader(raw, words);
  const parts: Span[] = [];
  let first = 0;
  while (first < words.length) {
    const cut = bestCut(pieces, first);
    if (cut === undefined) {
      parts.push(join(words, first, words.length));
      break;
    }
    parts.push(join(words, first, cut));
    first = cut;
  }
  return parts;
}

function bestCut(pieces: PieceReader, first: number): number | undefined {
  const wordCount = pieces.wordCount;
  const completeOnly = pieces.read(first, wordCount) === 'complete';
  let best: number | undefined;
  let bestScore = -1;
  for (let cut = first + 1; cut < wordCount; cut++) {
    const left = pieces.read(first, cut);
    if (left === 'none' || (completeOnly && left !== 'complete')) continue;
    let right: PieceKind = 'none';
    for (let end = cut + 1; end <= wordCount && right !== 'complete'; end++) {
      const kind = pieces.read(cut, end);
      if (kind !== 'none') right = kind;
    }
    if (right === 'none' || (completeOnly && right !== 'complete')) continue;
    const score = (left === 'complete' ? 1 : 0) + (right === 'complete' ? 1 : 0);
    if (score > bestScore) {
      best = cut;
      bestScore = score;
      if (score === 2) break;
    }
  }
  return best;
}

/** 'complete': a usable number; 'partial': stands alone without being usable (no area code, masked); 'none'. */
type PieceKind = 'complete' | 'partial' | 'none';

/** Reads runs of words as phone numbers, each run once. */
class PieceReader {
  private readonly kinds = new Map<number, PieceKind>();

  constructor(
    private readonly raw: string,
    private readonly words: Span[],
  ) {}

  get wordCount(): number {
    return this.words.length;
  }

  /** What words[first, endExclusive) hold. */
  read(first: number, endExclusive: number): PieceKind {
    const key = first * (MAXIMUM_WORDS + 1) + endExclusive;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = pieceKind(this.raw, join(this.words, first, endExclusive), false);
      this.kinds.set(key, kind);
    }
    return kind;
  }
}

function join(words: Span[], first: number, endExclusive: number): Span {
  return { start: words[first].start, end: words[endExclusive - 1].end };
}

/**
 * A usable number is complete; a local number waiting for its area code, or a masked one (still one number, just
 * hidden), stands alone too. Placeholders ('无') stand alone only between strong separators: after a space they are
 * usually a note.
 */
function pieceKind(raw: string, span: Span, placeholderStandsAlone: boolean): PieceKind {
  const result = normalizeSinglePhone(raw.slice(span.start, span.end));
  if (result.usable) return 'complete';
  const standsAlone =
    result.code === 'incomplete' || result.code === 'masked' || (placeholderStandsAlone && result.code === 'placeholder');
  return standsAlone ? 'partial' : 'none';
}

function standsAlone(raw: string, span: Span, placeholderStandsAlone: boolean): boolean {
  return pieceKind(raw, span, placeholderStandsAlone) !== 'none';
}
