/**
 * The Markdown subset of step bodies, parsed into a small tree that the UI turns
 * into elements and text nodes. Nothing here produces HTML: whatever the subset
 * does not cover stays literal text. The inline pass follows CommonMark's
 * delimiter-stack algorithm, which keeps hostile input linear.
 */

/** Inline content of a paragraph or list item. */
export type MdInline =
  | { type: 'text'; value: string }
  | { type: 'strong' | 'em'; children: MdInline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'br' };

/** A paragraph, or a list whose items are inline content. */
export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | {
      type: 'list';
      ordered: boolean;
      /** First number of an ordered list, when it is not 1. */
      start?: number;
      items: MdInline[][];
    };

/** Longer sources are cut here and end with `…`. */
const MAX_SOURCE = 10_000;
/** strong/em nested deeper than this keep their markers as text. */
const MAX_EMPHASIS_DEPTH = 4;
/** CommonMark's bound on nested parentheses in a link destination. */
const MAX_LINK_PARENS = 32;

// Embedding and isolate controls can make text read differently from what it is.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const BULLET = /^[ \t]*[-*][ \t]+(.*)$/;
const ORDERED = /^[ \t]*(\d{1,9})\.[ \t]+(.*)$/;
const SPECIAL = /[\\`*_[\]!\n]/g;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const WHITESPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;
// CommonMark's flanking rules fail around CJK punctuation (`**「新規」**を`): a CJK
// letter on the far side of a run counts like a space for opening and closing.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\x00-\x1f\x7f]/g;
const SCHEME = /^([a-z][a-z\d+.-]*):/;
const SAFE_SCHEME = /^(?:https?|mailto)$/;

/**
 * Parses a step body. Never throws; time and output are bounded for any input.
 *
 * @example
 * parseMarkdown('Press **New project**')
 * // [{ type: 'paragraph', children: [
 * //   { type: 'text', value: 'Press ' },
 * //   { type: 'strong', children: [{ type: 'text', value: 'New project' }] }] }]
 */
export function parseMarkdown(source: string): MdBlock[] {
  let text = typeof source === 'string' ? source : '';
  if (text.length > MAX_SOURCE) {
    const high = text.charCodeAt(MAX_SOURCE - 1);
    // Do not cut a surrogate pair in half.
    text = `${text.slice(0, high >= 0xd800 && high <= 0xdbff ? MAX_SOURCE - 1 : MAX_SOURCE)}…`;
  }
  text = text.replace(BIDI, '');
  try {
    return parseBlocks(text);
  } catch {
    return text.trim() ? [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] : [];
  }
}

/**
 * The href to use for a link destination, or null when it is refused. Allowed:
 * http:, https:, mailto: and relative URLs. The scheme is judged after removing
 * ASCII controls and spaces anywhere and case folding: stricter than a browser,
 * which only drops them at the ends, and tabs and newlines inside.
 *
 * @example
 * safeHref('/settings#billing') // '/settings#billing'
 * safeHref(' JaVa\tScRiPt:alert(1)') // null
 */
export function safeHref(destination: string): string | null {
  const href = (typeof destination === 'string' ? destination : '').replace(CONTROL, '').trim();
  const scheme = SCHEME.exec(href.replace(/ /g, '').toLowerCase())?.[1];
  return href && (scheme === undefined || SAFE_SCHEME.test(scheme)) ? href : null;
}

type ListDraft = { ordered: boolean; start: number; items: string[][] };

function parseBlocks(text: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] | null = null;
  let list: ListDraft | null = null;
  const close = () => {
    if (paragraph) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    if (list) {
      const items = list.items.map((lines) => parseInline(lines.join('\n')));
      blocks.push(
        list.ordered && list.start !== 1
          ? { type: 'list', ordered: true, start: list.start, items }
          : { type: 'list', ordered: list.ordered, items },
      );
    }
    paragraph = list = null;
  };

  // A blank line ends a paragraph; a list goes on if its next item follows the blank line.
  let gap = false;
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = raw.trim();
    if (!line) {
      if (paragraph) close();
      gap = true;
      continue;
    }
    const bullet = BULLET.exec(raw);
    const number = bullet ? null : ORDERED.exec(raw);
    const content = (bullet?.[1] ?? number?.[2] ?? '').trim();
    const ordered = number !== null;
    const start = number ? Number(number[1]) : 1;
    const continues = !gap && /^[ \t]/.test(raw);
    gap = false;
    // As in CommonMark, only `1.` may interrupt a paragraph: "2019. was a good year" stays text.
    if (content && !(paragraph && start !== 1)) {
      if (paragraph || (list && list.ordered !== ordered)) close();
      list ??= { ordered, start, items: [] };
      list.items.push([content]);
      continue;
    }
    if (list) {
      // An indented line continues the item; anything else ends the list.
      if (continues) {
        list.items[list.items.length - 1]!.push(line);
        continue;
      }
      close();
    }
    paragraph ??= [];
    paragraph.push(line);
  }
  close();
  return blocks;
}

/** Inline content while parsing: a fragment holds too-deep emphasis, flattened at the end. */
type Piece = MdInline | { type: 'fragment'; children: Piece[] };

/** The inline parser's doubly linked list; a string is literal text (or a marker run). */
interface InlineNode {
  prev: InlineNode | null;
  next: InlineNode | null;
  value: string | Piece;
  depth: number;
}

interface Delimiter {
  node: InlineNode;
  char: string;
  count: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  node: InlineNode;
  start: number;
  delimiters: Delimiter | null;
  /** `![`: pushed so that brackets still pair up, but never a link (images stay literal). */
  image: boolean;
  /** Inside a link already: links cannot contain links. */
  dead: boolean;
  prev: Bracket | null;
}

function parseInline(src: string): MdInline[] {
  const head: InlineNode = { prev: null, next: null, value: '', depth: 0 };
  let tail = head;
  let delimiters: Delimiter | null = null;
  let brackets: Bracket | null = null;
  let ticks: Map<number, { runs: number[]; next: number }> | null = null;
  let pending = '';

  const append = (value: string | Piece, depth = 0) => {
    const node: InlineNode = { prev: tail, next: null, value, depth };
    tail.next = node;
    tail = node;
    return node;
  };
  const flush = () => {
    if (pending) append(pending);
    pending = '';
  };
  const unlink = (node: InlineNode) => {
    node.prev!.next = node.next;
    if (node.next) node.next.prev = node.prev;
    else tail = node.prev!;
  };
  const drop = (delimiter: Delimiter) => {
    if (delimiter.prev) delimiter.prev.next = delimiter.next;
    if (delimiter.next) delimiter.next.prev = delimiter.prev;
    else delimiters = delimiter.prev;
  };
  /** Takes the nodes after `from` and before `to` out of the list. */
  const cut = (from: InlineNode, to: InlineNode | null) => {
    const pieces: Piece[] = [];
    let depth = 0;
    for (let node = from.next; node && node !== to; node = node.next) {
      pieces.push(
        typeof node.value === 'string' ? { type: 'text', value: node.value } : node.value,
      );
      depth = Math.max(depth, node.depth);
    }
    from.next = to;
    if (to) to.prev = from;
    else tail = from;
    return { pieces, depth };
  };

  const processEmphasis = (bottom: Delimiter | null) => {
    let closer: Delimiter | null = null;
    for (let d = delimiters; d && d !== bottom; d = d.prev) closer = d;
    // Where the search for an opener may stop, per kind of closer (CommonMark's openers_bottom).
    const floors: Array<Delimiter | null | undefined> = [];
    while (closer) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const key = (closer.char === '*' ? 0 : 6) + (closer.canOpen ? 3 : 0) + (closer.length % 3);
      const floor = floors[key] === undefined ? bottom : floors[key];
      let opener = closer.prev;
      while (opener && opener !== bottom && opener !== floor) {
        const oddMatch =
          (opener.canClose || closer.canOpen) &&
          (opener.length + closer.length) % 3 === 0 &&
          (opener.length % 3 !== 0 || closer.length % 3 !== 0);
        if (opener.char === closer.char && opener.canOpen && !oddMatch) break;
        opener = opener.prev;
      }
      if (!opener || opener === bottom || opener === floor) {
        floors[key] = closer.prev;
        const next: Delimiter | null = closer.next;
        if (!closer.canOpen) drop(closer);
        closer = next;
        continue;
      }
      const { pieces, depth } = cut(opener.node, closer.node);
      opener.next = closer;
      closer.prev = opener;
      const after: Delimiter | null = closer.next;
      if (depth >= MAX_EMPHASIS_DEPTH) {
        // Too deep: both runs stay literal, the content stays one node so later passes stay cheap.
        insertAfter(opener.node, { type: 'fragment', children: pieces }, depth);
        drop(opener);
        drop(closer);
        closer = after;
        continue;
      }
      const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= use;
      closer.count -= use;
      opener.node.value = (opener.node.value as string).slice(use);
      closer.node.value = (closer.node.value as string).slice(use);
      const children = flatten(pieces);
      insertAfter(opener.node, { type: use === 2 ? 'strong' : 'em', children }, depth + 1);
      if (!opener.count) {
        unlink(opener.node);
        drop(opener);
      }
      if (!closer.count) {
        unlink(closer.node);
        drop(closer);
        closer = after;
      }
    }
    while (delimiters && delimiters !== bottom) drop(delimiters);
  };

  const insertAfter = (node: InlineNode, value: Piece, depth: number) => {
    const inserted: InlineNode = { prev: node, next: node.next, value, depth };
    if (node.next) node.next.prev = inserted;
    else tail = inserted;
    node.next = inserted;
  };

  const closeBracket = (at: number): number => {
    const opener = brackets;
    if (!opener) return 0;
    brackets = opener.prev;
    const destination = opener.image || opener.dead ? null : parseDestination(src, at + 1);
    if (!destination) return 0;
    flush();
    processEmphasis(opener.delimiters);
    const { pieces, depth } = cut(opener.node, null);
    const children = flatten(pieces);
    const href = safeHref(destination.href);
    if (href === null || children.length === 0) {
      opener.node.value = src.slice(opener.start, destination.end);
    } else {
      opener.node.value = { type: 'link', href, children };
      opener.node.depth = depth;
      // Every bracket below is inside this link now; the dead ones form the bottom of the stack.
      for (let b = brackets; b && !b.dead; b = b.prev) b.dead = true;
    }
    return destination.end;
  };

  const findTicks = (length: number, from: number): number => {
    if (!ticks) {
      ticks = new Map();
      for (let i = src.indexOf('`'); i >= 0; i = src.indexOf('`', i)) {
        const start = i;
        while (src[i] === '`') i++;
        const same = ticks.get(i - start);
        if (same) same.runs.push(start);
        else ticks.set(i - start, { runs: [start], next: 0 });
      }
    }
    const same = ticks.get(length);
    if (!same) return -1;
    // Openers only move forward, so runs before them are never needed again.
    while (same.next < same.runs.length && same.runs[same.next]! < from) same.next++;
    return same.runs[same.next] ?? -1;
  };

  let i = 0;
  while (i < src.length) {
    SPECIAL.lastIndex = i;
    const match = SPECIAL.exec(src);
    const at = match ? match.index : src.length;
    pending += src.slice(i, at);
    if (!match) break;
    const char = match[0];
    i = at + 1;
    if (char === '\\') {
      const next = src[i];
      if (next === '\n') {
        flush();
        append({ type: 'br' });
        i++;
      } else if (next && ASCII_PUNCT.test(next)) {
        pending += next;
        i++;
      } else pending += char;
    } else if (char === '\n') {
      flush();
      append({ type: 'br' });
    } else if (char === '`') {
      while (src[i] === '`') i++;
      const end = findTicks(i - at, i);
      if (end < 0) {
        pending += src.slice(at, i);
        continue;
      }
      const length = i - at;
      let code = src.slice(i, end).replace(/\n/g, ' ');
      if (code.length > 2 && code[0] === ' ' && code.endsWith(' ') && /[^ ]/.test(code)) {
        code = code.slice(1, -1);
      }
      flush();
      append({ type: 'code', value: code });
      i = end + length;
    } else if (char === '*' || char === '_') {
      while (src[i] === char) i++;
      const before = charBefore(src, at);
      const after = src.codePointAt(i);
      const next = after === undefined ? '\n' : String.fromCodePoint(after);
      const left =
        !WHITESPACE.test(next) &&
        (!PUNCT.test(next) || WHITESPACE.test(before) || PUNCT.test(before) || CJK.test(before));
      const right =
        !WHITESPACE.test(before) &&
        (!PUNCT.test(before) || WHITESPACE.test(next) || PUNCT.test(next) || CJK.test(next));
      flush();
      const delimiter: Delimiter = {
        node: append(src.slice(at, i)),
        char,
        count: i - at,
        length: i - at,
        canOpen: char === '*' ? left : left && (!right || PUNCT.test(before)),
        canClose: char === '*' ? right : right && (!left || PUNCT.test(next)),
        prev: delimiters,
        next: null,
      };
      if (delimiters) delimiters.next = delimiter;
      delimiters = delimiter;
    } else if (char === '[' || (char === '!' && src[i] === '[')) {
      if (char === '!') i++;
      flush();
      // An image opener is pushed inactive: `![x](y)` stays literal, brackets still pair up.
      const node = append(src.slice(at, i));
      brackets = { node, start: at, delimiters, image: char === '!', dead: false, prev: brackets };
    } else if (char === ']') {
      const end = closeBracket(at);
      if (end) i = end;
      else pending += char;
    } else pending += char;
  }
  flush();
  processEmphasis(null);
  return flatten(cut(head, null).pieces);
}

/**
 * Inline link destination starting at `(`: `(url)` with balanced parentheses and no
 * spaces, or `(<url>)`. Titles are not supported.
 */
function parseDestination(src: string, at: number): { href: string; end: number } | null {
  if (src[at] !== '(') return null;
  let i = at + 1;
  while (src[i] === ' ' || src[i] === '\t') i++;
  let from = i;
  let to: number;
  if (src[i] === '<') {
    from = ++i;
    for (; i < src.length && src[i] !== '>' && src[i] !== '<' && src[i] !== '\n'; i++) {
      if (isEscape(src, i)) i++;
    }
    if (src[i] !== '>') return null;
    to = i++;
  } else {
    let depth = 0;
    for (; i < src.length; i++) {
      const char = src[i]!;
      if (isEscape(src, i)) i++;
      else if (char === '(' && ++depth > MAX_LINK_PARENS) return null;
      else if ((char === ')' && depth-- === 0) || char <= ' ' || char === '\x7f') break;
    }
    to = i;
  }
  while (src[i] === ' ' || src[i] === '\t') i++;
  if (src[i] !== ')') return null;
  return { href: src.slice(from, to).replace(ESCAPED, '$1'), end: i + 1 };
}

const isEscape = (src: string, i: number) => src[i] === '\\' && ASCII_PUNCT.test(src[i + 1] ?? '');

function charBefore(src: string, at: number): string {
  if (at === 0) return '\n';
  const low = src.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at > 1 ? src.slice(at - 2, at) : src[at - 1]!;
}

/** Resolves fragments and merges neighbouring text, without recursion. */
function flatten(pieces: Piece[]): MdInline[] {
  const out: MdInline[] = [];
  const stack: Array<{ list: Piece[]; index: number }> = [{ list: pieces, index: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const piece = top.list[top.index++];
    if (!piece) stack.pop();
    else if (piece.type === 'fragment') stack.push({ list: piece.children, index: 0 });
    else if (piece.type !== 'text') out.push(piece);
    else if (piece.value) {
      const last = out[out.length - 1];
      if (last?.type === 'text') last.value += piece.value;
      else out.push({ type: 'text', value: piece.value });
    }
  }
  return out;
}
