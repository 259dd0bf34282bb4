/**
 * A file connector's `pattern`, matched against file names without a glob library. The pattern is
 * a single file name (no directories):
 *
 * - `*`  any run of characters (possibly empty)
 * - `?`  exactly one character
 * - `[abc]`, `[a-z]`, `[!abc]` (or `[^abc]`): one character from (or not from) the set
 * - `{csv,txt}`: one of the alternatives (not nested; alternatives may contain the operators above)
 * - `\x`: the character x itself; every other character stands for itself
 *
 * Matching is case-sensitive and on the whole name. Names starting with a dot (hidden files, and
 * the `.name.part-…` files the SFTP fetch writes while downloading) only match a pattern that
 * itself starts with a dot.
 *
 * Not a regular expression on purpose: the matcher is the classic two-pointer glob walk, linear in
 * practice and never worse than name length × pattern length, so no pattern an admin declares can
 * make matching a directory listing slow (a regex such as `^.*a.*a.*a.*b$` can backtrack badly).
 */

type Token =
  | { kind: 'literal'; character: string }
  | { kind: 'one' }
  | { kind: 'any' }
  | { kind: 'set'; negate: boolean; ranges: Array<[number, number]> };

export class FilePatternError extends Error {
  constructor(pattern: string, reason: string) {
    super(`file pattern "${pattern}": ${reason}`);
    this.name = 'FilePatternError';
  }
}

/** Splits `{a,b}` alternatives (one level) into whole patterns: `x.{csv,txt}` → `x.csv`, `x.txt`. */
function expandAlternatives(pattern: string): string[] {
  let variants = [''];
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index]!;
    if (character === '\\') {
      if (index + 1 >= pattern.length) throw new FilePatternError(pattern, 'ends with a lone "\\"');
      variants = variants.map((variant) => variant + pattern.slice(index, index + 2));
      index += 2;
      continue;
    }
    if (character === '[') {
      // Sets are copied whole, so a "," or "{" inside one stays literal.
      const close = findSetEnd(pattern, index);
      variants = variants.map((variant) => variant + pattern.slice(index, close + 1));
      index = close + 1;
      continue;
    }
    if (character === '}') throw new FilePatternError(pattern, 'has "}" without "{"');
    if (character !== '{') {
      variants = variants.map((variant) => variant + character);
      index++;
      continue;
    }
    const alternatives: string[] = [];
    let current = '';
    let position = index + 1;
    let closed = false;
    while (position < pattern.length) {
      const inner = pattern[position]!;
      if (inner === '\\') {
        if (position + 1 >= pattern.length) throw new FilePatternError(pattern, 'ends with a lone "\\"');
        current += pattern.slice(position, position + 2);
        position += 2;
      } else if (inner === '[') {
        const close = findSetEnd(pattern, position);
        current += pattern.slice(position, close + 1);
        position = close + 1;
      } else if (inner === '{') {
        throw new FilePatternError(pattern, 'nests "{" (alternatives cannot be nested)');
      } else if (inner === ',') {
        alternatives.push(current);
        current = '';
        position++;
      } else if (inner === '}') {
        alternatives.push(current);
        closed = true;
        position++;
        break;
      } else {
        current += inner;
        position++;
      }
    }
    if (!closed) throw new FilePatternError(pattern, 'has "{" without a closing "}"');
    variants = variants.flatMap((variant) => alternatives.map((alternative) => variant + alternative));
    if (variants.length > 64) throw new FilePatternError(pattern, 'has too many alternatives (at most 64 combinations)');
    index = position;
  }
  return variants;
}

/** Index of the "]" closing the set opened at `open` (a "]" right after "[" or "[!" is a member). */
function findSetEnd(pattern: string, open: number): number {
  let position = open + 1;
  if (pattern[position] === '!' || pattern[position] === '^') position++;
  if (pattern[position] === ']') position++;
  while (position < pattern.length && pattern[position] !== ']') {
    position += pattern[position] === '\\' ? 2 : 1;
  }
  if (position >= pattern.length) throw new FilePatternError(pattern, 'has "[" without a closing "]"');
  return position;
}

function tokenise(pattern: string, whole: string): Token[] {
  const tokens: Token[] = [];
  const characters = Array.from(pattern);
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    if (character === '\\') {
      tokens.push({ kind: 'literal', character: characters[++index]! });
    } else if (character === '*') {
      if (tokens.at(-1)?.kind !== 'any') tokens.push({ kind: 'any' });
    } else if (character === '?') {
      tokens.push({ kind: 'one' });
    } else if (character === '[') {
      let position = index + 1;
      let negate = false;
      if (characters[position] === '!' || characters[position] === '^') {
        negate = true;
        position++;
      }
      const members: string[] = [];
      let first = true;
      while (position < characters.length && (characters[position] !== ']' || first)) {
        first = false;
        if (characters[position] === '\\' && position + 1 < characters.length) position++;
        members.push(characters[position]!);
        position++;
      }
      if (position >= characters.length) throw new FilePatternError(whole, 'has "[" without a closing "]"');
      const ranges: Array<[number, number]> = [];
      for (let member = 0; member < members.length; member++) {
        const low = members[member]!.codePointAt(0)!;
        if (members[member + 1] === '-' && member + 2 < members.length) {
          const high = members[member + 2]!.codePointAt(0)!;
          if (high < low) throw new FilePatternError(whole, `has a reversed range "${members[member]}-${members[member + 2]}"`);
          ranges.push([low, high]);
          member += 2;
        } else {
          ranges.push([low, low]);
        }
      }
      tokens.push({ kind: 'set', negate, ranges });
      index = position;
    } else {
      tokens.push({ kind: 'literal', character });
    }
  }
  return tokens;
}

function matchesOne(token: Token, character: string): boolean {
  switch (token.kind) {
    case 'literal':
      return token.character === character;
    case 'one':
      return true;
    case 'set': {
      const code = character.codePointAt(0)!;
      const inSet = token.ranges.some(([low, high]) => code >= low && code <= high);
      return inSet !== token.negate;
    }
    case 'any':
      return false;
  }
}

/** Two-pointer glob walk: on a mismatch, the last `*` absorbs one more character and matching retries. */
function matchTokens(tokens: readonly Token[], name: readonly string[]): boolean {
  let tokenIndex = 0;
  let nameIndex = 0;
  let starToken = -1;
  let starName = 0;
  while (nameIndex < name.length) {
    const token = tokens[tokenIndex];
    if (token !== undefined && token.kind === 'any') {
      starToken = tokenIndex++;
      starName = nameIndex;
    } else if (token !== undefined && matchesOne(token, name[nameIndex]!)) {
      tokenIndex++;
      nameIndex++;
    } else if (starToken !== -1) {
      tokenIndex = starToken + 1;
      nameIndex = ++starName;
    } else {
      return false;
    }
  }
  while (tokens[tokenIndex]?.kind === 'any') tokenIndex++;
  return tokenIndex === tokens.length;
}

/** Checks a pattern (throws FilePatternError naming the problem) and returns a predicate over file names. */
export function fileNameMatcher(pattern: string): (name: string) => boolean {
  if (pattern === '') throw new FilePatternError(pattern, 'is empty');
  if (pattern.includes('/') || pattern.includes('\0')) throw new FilePatternError(pattern, 'must be a file name pattern, without "/"');
  const alternatives = expandAlternatives(pattern).map((variant) => tokenise(variant, pattern));
  const hiddenAllowed = pattern.startsWith('.');
  return (name) => {
    if (name === '.' || name === '..' || name.includes('/') || name.includes('\0')) return false;
    if (name.startsWith('.') && !hiddenAllowed) return false;
    const characters = Array.from(name);
    return alternatives.some((tokens) => matchTokens(tokens, characters));
  };
}
