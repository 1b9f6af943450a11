import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/index.ts';

const fixedToken = () => 'generated-token';

describe('readConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const config = readConfig({}, { cwd: '/srv/app', generateToken: fixedToken });
    expect(config).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dbPath: '/srv/app/tebiki.db',
      writeKeys: [],
      adminToken: 'generated-token',
      adminTokenGenerated: true,
      warnings: [expect.stringContaining('every write key (or none) is accepted')],
    });
  });

  it('reads every variable', () => {
    const config = readConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        TEBIKI_DB: 'data/events.db',
        TEBIKI_WRITE_KEYS: ' pk_a, pk_b ,,pk_a',
        TEBIKI_ADMIN_TOKEN: 'secret',
      },
      { cwd: '/srv/app', generateToken: fixedToken },
    );
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dbPath: '/srv/app/data/events.db',
      writeKeys: ['pk_a', 'pk_b'],
      adminToken: 'secret',
      adminTokenGenerated: false,
      warnings: [],
    });
  });

  it('generates a different random admin token each time when none is set', () => {
    const first = readConfig({}).adminToken;
    expect(first).toMatch(/^[\w-]{32}$/);
    expect(readConfig({}).adminToken).not.toBe(first);
  });

  it.each(['80a', '-1', '70000', '1.5'])('throws a message naming PORT for %s', (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(/^PORT: expected an integer from 0 to 65535/);
  });
});
