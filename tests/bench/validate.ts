// Benchmark: how long validating a large flows document takes, and how many
// bytes the validator adds to the script tag. Prints numbers; fails only when
// a number is over its budget (the thresholds below).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { validateDocument } from '../../packages/schema/src/index.ts';
// @ts-expect-error: the build configuration is plain JavaScript, without types
import { plugins } from '../../rollup.config.mjs';

const BUDGET = { validate500FlowsMs: 20, validatorGzipBytes: 3500 };

function largeDocument(flows: number) {
  return {
    version: 1,
    defaultLocale: 'ja',
    milestones: Array.from({ length: 30 }, (_, i) => ({
      id: `m${i}`,
      title: { ja: `マイルストーン ${i}`, en: `Milestone ${i}` },
      when: { event: `event_${i}` },
    })),
    flows: Array.from({ length: flows }, (_, i) => ({
      id: `flow-${i}`,
      type: 'tour',
      trigger: { url: `/section-${i % 20}/**` },
      frequency: 'once',
      steps: Array.from({ length: 5 }, (_, s) => ({
        id: `s${s}`,
        target: `#app [data-step="${i}-${s}"] > .button:not(.hidden)`,
        placement: 'bottom',
        title: { ja: `ステップ ${s}`, en: `Step ${s}` },
        body: { ja: '**新規作成**を押してください', en: 'Press **New**' },
        milestone: `m${s}`,
      })),
    })),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const document = largeDocument(500);
const bytes = JSON.stringify(document).length;
for (let i = 0; i < 5; i++) validateDocument(document); // warm up the JIT
const runs = Array.from({ length: 25 }, () => {
  const start = performance.now();
  const { issues } = validateDocument(document);
  const ms = performance.now() - start;
  if (issues.length > 0)
    throw new Error(`the benchmark document should be valid: ${issues[0]!.message}`);
  return ms;
});

// The validator alone, built and minified as the script tag is (JSON Schema fragments left out).
const validator = fileURLToPath(new URL('../../packages/schema/src/validate.ts', import.meta.url));
const bundle = await rollup({
  input: 'entry',
  plugins: [
    {
      name: 'entry',
      resolveId: (id: string) => (id === 'entry' ? id : null),
      load: (id: string) =>
        id === 'entry' ? `export { validateDocument } from ${JSON.stringify(validator)};` : null,
    },
    ...plugins(true),
  ],
});
const { output } = await bundle.generate({ format: 'es' });
const code = output[0].code;
const gzip = gzipSync(code, { level: 9 }).length;

const rows = [
  [
    'validate a 500-flow document (2,500 steps)',
    `${median(runs).toFixed(2)} ms median`,
    `${BUDGET.validate500FlowsMs} ms`,
  ],
  ['  document size', `${(bytes / 1024).toFixed(0)} KiB of JSON`, ''],
  ['  slowest of 25 runs', `${Math.max(...runs).toFixed(2)} ms`, ''],
  ['validator bundle (min)', `${code.length} B`, ''],
  ['validator bundle (min+gzip)', `${gzip} B`, `${BUDGET.validatorGzipBytes} B`],
];
for (const [name, value, budget] of rows) {
  console.log(`${name!.padEnd(46)} ${value!.padStart(22)}   ${budget ? `budget ${budget}` : ''}`);
}
const over = median(runs) > BUDGET.validate500FlowsMs || gzip > BUDGET.validatorGzipBytes;
if (over) {
  console.error('over budget');
  process.exit(1);
}
