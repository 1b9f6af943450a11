// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createColors } from '../src/cli/colors.ts';
import { formatText } from '../src/cli/format-report.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { locate } from '../src/cli/validate-file.ts';
import { parseJsonWithPositions } from '../src/json-source.ts';

const VALID = `{
  "$schema": "./node_modules/tebiki/schema.json",
  "version": 1,
  "defaultLocale": "ja",
  "milestones": [
    { "id": "project_created", "when": { "event": "project_created" } }
  ],
  "flows": [
    {
      "id": "welcome",
      "type": "tour",
      "steps": [{ "id": "new", "target": "#new-project", "title": "Start here" }]
    },
    { "id": "export-hint", "type": "hint", "target": "#export", "body": "Export here" }
  ]
}
`;

/** VALID with an empty selector on line 12, column 42. */
const INVALID = VALID.replace('"target": "#new-project"', '"target": ""');

/** VALID with a misspelt key, which the validator reports as a warning. */
const WARNING_ONLY = VALID.replace(
  '"target": "#export",',
  '"target": "#export", "placment": "top",',
);

const SYNTAX_ERROR = '{\n  "version": 1\n  "flows": []\n}\n';

interface RunOptions {
  files?: Record<string, string>;
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
}

async function run(argv: string[], { files = {}, isTTY = false, env = {} }: RunOptions = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    readFile: async (path) => {
      const text = files[path];
      if (text !== undefined) return text;
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
        code: 'ENOENT',
      });
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY,
    env,
    version: '1.2.3',
  });
  return { code, stdout, stderr };
}

describe('tebiki validate', () => {
  it('exits 0 with a ✔ line for a valid file', async () => {
    const result = await run(['validate', 'tebiki.json'], { files: { 'tebiki.json': VALID } });
    expect(result).toEqual({
      code: 0,
      stdout: '✔ tebiki.json: valid (2 flows, 1 milestone)\n',
      stderr: '',
    });
  });

  it('exits 1 and prints line:column, severity, message and code for an invalid file', async () => {
    const result = await run(['validate', 'tebiki.json'], { files: { 'tebiki.json': INVALID } });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'tebiki.json',
      '  12:42  error    flows[0].steps[0].target: expected a CSS selector, got ""   invalid_selector',
      '',
      '✖ 1 error in 1 file',
      '',
    ]);
    expect(result.stderr).toBe('');
  });

  it('exits 0 when a file has only warnings, and says so', async () => {
    const result = await run(['validate', 'tebiki.json'], {
      files: { 'tebiki.json': WARNING_ONLY },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ {2}14:\d+ {2}warning {2}flows\[1\]\.placment: .* {3}unknown_key$/m,
    );
    expect(result.stdout).toMatch(/⚠ 1 warning in 1 file, no errors\n$/);
  });

  it('reports JSON syntax errors at their line and column', async () => {
    const result = await run(['validate', 'broken.json'], {
      files: { 'broken.json': SYNTAX_ERROR },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  3:3  error    $: expected "," or "}" after a property value: is a comma missing?   invalid_json',
    );
  });

  it('reports duplicate keys as errors but still validates the document', async () => {
    const text = VALID.replace('"version": 1,', '"version": 1,\n  "version": 1,').replace(
      '"#export"',
      '""',
    );
    const result = await run(['validate', 'dup.json'], { files: { 'dup.json': text } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  4:3    error    $: duplicate key "version" (lines 3 and 4)   duplicate_key',
    );
    expect(result.stdout).toContain('flows[1].target: expected a CSS selector, got ""');
  });

  it('checks several files, in order, and summarises them together', async () => {
    const result = await run(['validate', 'a.json', 'b.json', 'c.json'], {
      files: { 'a.json': VALID, 'b.json': INVALID, 'c.json': SYNTAX_ERROR },
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('✔ a.json: valid (2 flows, 1 milestone)');
    expect(lines[1]).toBe('b.json');
    expect(lines.indexOf('c.json')).toBeGreaterThan(1);
    expect(result.stdout).toMatch(/✖ 2 errors in 2 of 3 files\n$/);
  });

  it('reports a missing file as an error without a position', async () => {
    const result = await run(['validate', 'a.json', 'missing.json'], {
      files: { 'a.json': VALID },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'missing.json\n    error    cannot read the file: no such file   unreadable_file\n',
    );
  });

  it('prints one JSON array with --json', async () => {
    const result = await run(['validate', '--json', 'good.json', 'bad.json', 'gone.json'], {
      files: { 'good.json': VALID, 'bad.json': INVALID },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'good.json', valid: true, issues: [] },
      {
        file: 'bad.json',
        valid: false,
        issues: [
          {
            code: 'invalid_selector',
            severity: 'error',
            path: 'flows[0].steps[0].target',
            message: 'flows[0].steps[0].target: expected a CSS selector, got ""',
            line: 12,
            column: 42,
          },
        ],
      },
      {
        file: 'gone.json',
        valid: false,
        issues: [
          {
            code: 'unreadable_file',
            severity: 'error',
            path: '$',
            message: 'cannot read the file: no such file',
            line: null,
            column: null,
          },
        ],
      },
    ]);
  });

  it('marks a file with only warnings as valid in --json', async () => {
    const result = await run(['validate', 'tebiki.json', '--json'], {
      files: { 'tebiki.json': WARNING_ONLY },
    });
    expect(result.code).toBe(0);
    const [report] = JSON.parse(result.stdout);
    expect(report.valid).toBe(true);
    expect(report.issues[0]).toMatchObject({ severity: 'warning', code: 'unknown_key', line: 14 });
  });

  it('treats arguments after -- as files', async () => {
    const result = await run(['validate', '--', '--json'], { files: { '--json': VALID } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✔ --json: valid (2 flows, 1 milestone)\n');
  });
});

describe('tebiki usage', () => {
  it.each([
    [['validate'], 'tebiki: no files to validate'],
    [['validate', '--jsn', 'a.json'], 'tebiki: unknown option "--jsn"'],
    [['check', 'a.json'], 'tebiki: unknown command "check"'],
    [['--json'], 'tebiki: unknown option "--json"'],
    [[], 'tebiki: missing command'],
  ])('exits 2 and prints the usage for %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`${message}\n\nUsage: tebiki validate [--json] <file…>`)).toBe(
      true,
    );
  });

  it.each([[['--help']], [['-h']], [['validate', '--help']], [['help']]])(
    'prints the usage to stdout and exits 0 for %j',
    async (argv) => {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Usage: tebiki validate \[--json\] <file…>\n[\s\S]*Exit codes:/,
      );
      expect(result.stderr).toBe('');
    },
  );

  it('prints the version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
  });
});

describe('tebiki colour', () => {
  const ESC = '\u001b[';

  it('uses no colour when stdout is not a terminal', async () => {
    const result = await run(['validate', 'a.json', 'b.json'], {
      files: { 'a.json': VALID, 'b.json': INVALID },
      isTTY: false,
    });
    expect(result.stdout).not.toContain(ESC);
  });

  it('colours a terminal, unless NO_COLOR is set', async () => {
    const files = { 'b.json': INVALID };
    const coloured = await run(['validate', 'b.json'], { files, isTTY: true });
    expect(coloured.stdout).toContain(`${ESC}31merror`);
    const plain = await run(['validate', 'b.json'], { files, isTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain(ESC);
  });

  it('never colours --json output', async () => {
    const result = await run(['validate', '--json', 'b.json'], {
      files: { 'b.json': INVALID },
      isTTY: true,
    });
    expect(result.stdout).not.toContain(ESC);
  });
});

describe('locating issues', () => {
  const { pointers } = parseJsonWithPositions(
    '{\n  "flows": [\n    { "id": "a", "steps": [{ "id": "s" }] }\n  ]\n}',
  );

  it('points at the value, or at the property name when asked', () => {
    expect(locate(pointers, 'flows[0].id')).toEqual({ line: 3, column: 13 });
    expect(locate(pointers, 'flows[0].id', true)).toEqual({ line: 3, column: 7 });
  });

  it('falls back to the nearest ancestor that exists', () => {
    expect(locate(pointers, 'flows[0].type')).toEqual({ line: 3, column: 5 });
    expect(locate(pointers, 'flows[0].steps[0].target', true)).toEqual({ line: 3, column: 28 });
    expect(locate(pointers, 'flows[4].steps[2]')).toEqual({ line: 2, column: 12 });
    expect(locate(pointers, 'milestones')).toEqual({ line: 1, column: 1 });
    expect(locate(pointers, '$.flows[0]')).toEqual({ line: 3, column: 5 });
  });

  it('finds nothing when there is no source at all', () => {
    expect(locate(new Map(), 'flows[0]')).toBeUndefined();
  });
});

describe('formatText', () => {
  it('aligns positions within a file and pluralises the summary', () => {
    const text = formatText(
      [
        {
          file: 'x.json',
          valid: false,
          issues: [
            { code: 'a', severity: 'error', path: 'p', message: 'p: one', line: 2, column: 3 },
            { code: 'b', severity: 'error', path: 'q', message: 'q: two', line: 120, column: 15 },
            {
              code: 'c',
              severity: 'warning',
              path: 'r',
              message: 'r: three',
              line: 121,
              column: 1,
            },
          ],
        },
      ],
      createColors(false),
    );
    expect(text).toBe(
      [
        'x.json',
        '  2:3     error    p: one   a',
        '  120:15  error    q: two   b',
        '  121:1   warning  r: three   c',
        '',
        '✖ 2 errors, 1 warning in 1 file',
        '',
      ].join('\n'),
    );
  });
});

// The built bin, end to end. `pnpm test` builds before it tests, so this runs in CI;
// a bare `vitest run` on a fresh checkout has no dist/ yet and skips it.
const builtCli = fileURLToPath(new URL('../../tebiki/dist/cli.mjs', import.meta.url));
const binWrapper = fileURLToPath(new URL('../../tebiki/bin/tebiki.mjs', import.meta.url));
const built = existsSync(builtCli);

describe.skipIf(!built)(
  `the built bin${built ? '' : ' (skipped: packages/tebiki/dist/cli.mjs is missing; run pnpm build)'}`,
  () => {
    let dir = '';
    let valid = '';
    let invalid = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tebiki-cli-'));
      valid = join(dir, 'valid.json');
      invalid = join(dir, 'invalid.json');
      writeFileSync(valid, VALID);
      // A BOM and CRLF line ends, as Windows editors save them.
      writeFileSync(invalid, `\uFEFF${INVALID.replace(/\n/g, '\r\n')}`);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const exec = (script: string, args: string[]) =>
      spawnSync(process.execPath, [script, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '' },
      });

    it('validates files from the command line with the documented exit codes', () => {
      const ok = exec(builtCli, ['validate', valid]);
      expect(ok.status).toBe(0);
      expect(ok.stdout).toBe(`✔ ${valid}: valid (2 flows, 1 milestone)\n`);

      const failed = exec(builtCli, ['validate', '--json', valid, invalid]);
      expect(failed.status).toBe(1);
      const [first, second] = JSON.parse(failed.stdout);
      expect(first).toEqual({ file: valid, valid: true, issues: [] });
      expect(second.issues[0]).toMatchObject({ code: 'invalid_selector', line: 12, column: 42 });

      const usage = exec(builtCli, ['validate']);
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('Usage: tebiki validate');
    });

    it('runs through the package bin that pnpm and npm link', () => {
      const result = exec(binWrapper, ['validate', invalid]);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('12:42  error    flows[0].steps[0].target');
    });
  },
);
