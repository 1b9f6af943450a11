// Writes packages/tebiki/schema.json, the JSON Schema editors load through a
// flows document's "$schema". It is generated from the SDK's own validation
// checks; `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createJsonSchema } from '../packages/schema/src/json-schema.ts';

const file = fileURLToPath(new URL('../packages/tebiki/schema.json', import.meta.url));
const text = `${JSON.stringify(createJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    console.error('packages/tebiki/schema.json is stale: run `pnpm schema`');
    process.exit(1);
  }
  console.log('packages/tebiki/schema.json is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote packages/tebiki/schema.json (${text.length} bytes)`);
}
