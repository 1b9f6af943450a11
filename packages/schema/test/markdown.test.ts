import { describe, expect, it } from 'vitest';
import { type MdBlock, type MdInline, parseMarkdown, safeHref } from '../src/index.ts';

const text = (value: string): MdInline => ({ type: 'text', value });
const strong = (...children: MdInline[]): MdInline => ({ type: 'strong', children });
const em = (...children: MdInline[]): MdInline => ({ type: 'em', children });
const code = (value: string): MdInline => ({ type: 'code', value });
const link = (href: string, ...children: MdInline[]): MdInline => ({
  type: 'link',
  href,
  children,
});
const br: MdInline = { type: 'br' };
const paragraph = (...children: MdInline[]): MdBlock => ({ type: 'paragraph', children });

/** The inline content of a source that is one paragraph. */
const inline = (source: string) => {
  const blocks = parseMarkdown(source);
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.type).toBe('paragraph');
  return (blocks[0] as Extract<MdBlock, { type: 'paragraph' }>).children;
};

/** All text a reader would see, markers that stayed literal included. */
const plain = (nodes: readonly MdInline[]): string =>
  nodes
    .map((node) =>
      node.type === 'text' || node.type === 'code'
        ? node.value
        : node.type === 'br'
          ? '\n'
          : plain(node.children),
    )
    .join('');

const depth = (nodes: readonly MdInline[]): number =>
  Math.max(
    0,
    ...nodes.map((node) =>
      'children' in node ? depth(node.children) + (node.type === 'link' ? 0 : 1) : 0,
    ),
  );

const links = (nodes: readonly MdInline[]): string[] =>
  nodes.flatMap((node) =>
    node.type === 'link'
      ? [node.href, ...links(node.children)]
      : 'children' in node
        ? links(node.children)
        : [],
  );

describe('parseMarkdown: blocks', () => {
  it('returns no blocks for an empty or blank body', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown(' \n\t\n ')).toEqual([]);
  });

  it('separates paragraphs by blank lines', () => {
    expect(parseMarkdown('First one.\n\n\nSecond one.')).toEqual([
      paragraph(text('First one.')),
      paragraph(text('Second one.')),
    ]);
  });

  it('turns a single newline inside a paragraph into a line break', () => {
    expect(parseMarkdown('Line one  \r\n  line two')).toEqual([
      paragraph(text('Line one'), br, text('line two')),
    ]);
  });

  it('reads "- " and "* " lines as one bullet list', () => {
    expect(parseMarkdown('- Create a project\n* Invite a **teammate**')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[text('Create a project')], [text('Invite a '), strong(text('teammate'))]],
      },
    ]);
  });

  it('reads "1. " lines as an ordered list, keeping a first number other than 1', () => {
    expect(parseMarkdown('1. Open\n2. Save')).toEqual([
      { type: 'list', ordered: true, items: [[text('Open')], [text('Save')]] },
    ]);
    expect(parseMarkdown('3. Third\n4. Fourth')).toEqual([
      { type: 'list', ordered: true, start: 3, items: [[text('Third')], [text('Fourth')]] },
    ]);
  });

  it('continues an item on an indented line and ends the list on an unindented one', () => {
    expect(parseMarkdown('- one\n  still one\nAfter the list')).toEqual([
      { type: 'list', ordered: false, items: [[text('one'), br, text('still one')]] },
      paragraph(text('After the list')),
    ]);
  });

  it('keeps items separated by blank lines in one list', () => {
    expect(parseMarkdown('- a\n\n- b\n\n  not part of b\n\n1. c')).toEqual([
      { type: 'list', ordered: false, items: [[text('a')], [text('b')]] },
      paragraph(text('not part of b')),
      { type: 'list', ordered: true, items: [[text('c')]] },
    ]);
  });

  it('lets a list follow a paragraph line directly, and starts a new list on a change of kind', () => {
    expect(parseMarkdown('Steps:\n- a\n1. b')).toEqual([
      paragraph(text('Steps:')),
      { type: 'list', ordered: false, items: [[text('a')]] },
      { type: 'list', ordered: true, items: [[text('b')]] },
    ]);
  });

  it('keeps a number that only looks like a list item inside a paragraph', () => {
    expect(inline('Founded in\n2019. A good year')).toEqual([
      text('Founded in'),
      br,
      text('2019. A good year'),
    ]);
  });

  it('keeps markers without content, headings, quotes, rules and tables as text', () => {
    expect(inline('-\n# Title\n> quote\n---\n| a | b |')).toEqual([
      text('-'),
      br,
      text('# Title'),
      br,
      text('> quote'),
      br,
      text('---'),
      br,
      text('| a | b |'),
    ]);
  });
});

describe('parseMarkdown: inlines', () => {
  it('reads **bold**', () => {
    expect(inline('Press **New project**')).toEqual([text('Press '), strong(text('New project'))]);
  });

  it('reads *italic* and _italic_', () => {
    expect(inline('*one* and _two_')).toEqual([em(text('one')), text(' and '), em(text('two'))]);
  });

  it('nests emphasis', () => {
    expect(inline('***both*** *a **b** c*')).toEqual([
      em(strong(text('both'))),
      text(' '),
      em(text('a '), strong(text('b')), text(' c')),
    ]);
  });

  it('reads bold in Japanese text, also around CJK punctuation', () => {
    expect(inline('**新規作成**を押してください')).toEqual([
      strong(text('新規作成')),
      text('を押してください'),
    ]);
    expect(inline('これは**「新規」**ボタンです')).toEqual([
      text('これは'),
      strong(text('「新規」')),
      text('ボタンです'),
    ]);
  });

  it('keeps underscores inside words as text', () => {
    expect(inline('snake_case_name')).toEqual([text('snake_case_name')]);
  });

  it('reads `inline code` literally, markers and HTML included', () => {
    expect(inline('Run `**not bold** <b>` now')).toEqual([
      text('Run '),
      code('**not bold** <b>'),
      text(' now'),
    ]);
    expect(inline('``a ` b``')).toEqual([code('a ` b')]);
    expect(inline('` padded `')).toEqual([code('padded')]);
  });

  it('shows a fenced code block as one line of inline code', () => {
    expect(inline('```\nconst a = 1;\n```')).toEqual([code('const a = 1;')]);
  });

  it('keeps an unclosed backtick as text', () => {
    expect(inline('a `b')).toEqual([text('a `b')]);
  });

  it('reads links, with formatting in the link text', () => {
    expect(inline('See [the **docs**](https://example.com/docs?a=1#b).')).toEqual([
      text('See '),
      link('https://example.com/docs?a=1#b', text('the '), strong(text('docs'))),
      text('.'),
    ]);
  });

  it('allows http, https, mailto and relative links', () => {
    for (const href of [
      'http://example.com',
      'HTTPS://example.com',
      'mailto:help@example.com',
      '/settings',
      './next',
      '../up',
      '#billing',
      '?tab=2',
      'reports/weekly',
      'docs/a:b',
    ]) {
      expect(inline(`[go](${href})`)).toEqual([link(href, text('go'))]);
    }
  });

  it('reads balanced parentheses and <bracketed> destinations', () => {
    expect(inline('[wiki](https://en.wikipedia.org/wiki/Tea_(drink))')).toEqual([
      link('https://en.wikipedia.org/wiki/Tea_(drink)', text('wiki')),
    ]);
    expect(inline('[a](</path with space>)')).toEqual([link('/path with space', text('a'))]);
  });

  it('does not put a link inside a link', () => {
    expect(inline('[a [b](/b) c](/a)')).toEqual([
      text('[a '),
      link('/b', text('b')),
      text(' c](/a)'),
    ]);
  });

  it('keeps brackets that are not links as text', () => {
    expect(inline('[note] and [x] (y) and [](/empty) and [t](a b)')).toEqual([
      text('[note] and [x] (y) and [](/empty) and [t](a b)'),
    ]);
  });

  it('keeps images as text', () => {
    expect(inline('![logo](/logo.png)')).toEqual([text('![logo](/logo.png)')]);
  });

  it('escapes markers with a backslash', () => {
    expect(inline('\\*not italic\\* \\[not](/link) \\`x\\` a\\b')).toEqual([
      text('*not italic* [not](/link) `x` a\\b'),
    ]);
  });

  it('keeps unmatched markers as text', () => {
    expect(inline('**unclosed *also _too')).toEqual([text('**unclosed *also _too')]);
    expect(inline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
  });
});

describe('parseMarkdown: hostile input', () => {
  it('keeps HTML as text', () => {
    for (const source of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<a href="javascript:alert(1)">x</a>',
      '&lt;b&gt; &#106;avascript:',
    ]) {
      expect(inline(source)).toEqual([text(source)]);
    }
  });

  it('shows a link to a refused scheme as its source text', () => {
    expect(inline('[text](javascript:alert(1))')).toEqual([text('[text](javascript:alert(1))')]);
    expect(inline('Click [**here**](data:text/html,<script>alert(1)</script>)!')).toEqual([
      text('Click [**here**](data:text/html,<script>alert(1)</script>)!'),
    ]);
  });

  it('refuses javascript:, data:, vbscript: and other schemes however they are written', () => {
    for (const destination of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '<java\tscript:alert(1)>',
      '<java script:alert(1)>',
      '<\u0001javascript:alert(1)>',
      '<\u0000javascript:alert(1)>',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'tel:123',
      'javascript\\:alert(1)',
    ]) {
      const nodes = inline(`[x](${destination})`);
      expect(links(nodes)).toEqual([]);
    }
  });

  it('judges schemes as a browser reads them', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('\u0000 JAVA\nSCRIPT\t:alert(1)')).toBeNull();
    expect(safeHref('java\u0000script:alert(1)')).toBeNull();
    expect(safeHref('')).toBeNull();
    expect(safeHref('  https://example.com  ')).toBe('https://example.com');
    expect(safeHref('/a\tb')).toBe('/ab');
    // No ASCII colon, so a browser reads these as relative paths too.
    expect(safeHref('javascript&colon;alert(1)')).toBe('javascript&colon;alert(1)');
    expect(safeHref('javascript：alert(1)')).toBe('javascript：alert(1)');
  });

  it('strips bidi embedding, override and isolate controls and keeps other text', () => {
    const source = 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j \u200Fk 😀';
    expect(inline(source)).toEqual([text('abcdefghij \u200Fk 😀')]);
    expect(inline('[\u202Eexe.txt](/files/a\u202Eb)')).toEqual([
      link('/files/ab', text('exe.txt')),
    ]);
  });

  it('caps the nesting of emphasis, keeping deeper markers as text', () => {
    const source = `${'*a '.repeat(10)}core${' a*'.repeat(10)}`;
    const nodes = inline(source);
    expect(depth(nodes)).toBe(4);
    // The four innermost pairs are emphasis; the six outer ones stay as typed.
    expect(plain(nodes)).toBe(
      `${'*a '.repeat(6)}${'a '.repeat(4)}core${' a'.repeat(4)}${' a*'.repeat(6)}`,
    );
  });

  it('cuts a body over 10,000 characters and marks the cut', () => {
    const nodes = inline('x'.repeat(20_000));
    expect(plain(nodes)).toBe(`${'x'.repeat(10_000)}…`);
  });

  it('does not cut a surrogate pair in half', () => {
    const nodes = inline(`${'x'.repeat(9_999)}😀😀`);
    expect(plain(nodes)).toBe(`${'x'.repeat(9_999)}…`);
  });

  it('returns no blocks for input that is not a string', () => {
    expect(parseMarkdown(undefined as unknown as string)).toEqual([]);
    expect(parseMarkdown({ toString: () => '**x**' } as unknown as string)).toEqual([]);
  });

  const adversarial: Array<[string, string]> = [
    ['a run of stars', '*'.repeat(10_000)],
    ['alternating stars', '*a'.repeat(5_000)],
    ['alternating underscores', '_a'.repeat(5_000)],
    ['open brackets', '['.repeat(10_000)],
    ['brackets, then closers', `${'['.repeat(5_000)}${']('.repeat(2_500)}`],
    ['unfinished link destinations', '[a]('.repeat(2_500)],
    ['nested parentheses', `[a](${'('.repeat(9_990)}`],
    ['deeply nested emphasis', `${'*a '.repeat(1_666)}b${' a*'.repeat(1_666)}`],
    ['backticks', '`a'.repeat(5_000)],
    [
      'backtick runs of every length',
      Array.from({ length: 140 }, (_, i) => '`'.repeat(i)).join('a'),
    ],
    ['a mix of every marker', '*_[`!]\\('.repeat(1_250)],
    ['many links', '[a](b)'.repeat(1_666)],
    ['list lines', '- *a\n'.repeat(2_000)],
  ];

  it.each(adversarial)('parses %s of 10,000 characters in well under 50 ms', (_, source) => {
    parseMarkdown(source);
    // Best of three, so a busy machine does not fail the test; backtracking would take seconds.
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      parseMarkdown(source);
      best = Math.min(best, performance.now() - started);
    }
    expect(best).toBeLessThan(50);
  });

  it('keeps emphasis depth bounded for adversarial input', () => {
    for (const [, source] of adversarial) {
      const blocks = parseMarkdown(source);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const inlines = block.type === 'paragraph' ? [block.children] : block.items;
        for (const nodes of inlines) expect(depth(nodes)).toBeLessThanOrEqual(4);
      }
    }
  });
});
