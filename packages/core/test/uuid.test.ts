import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/index.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fill = (byte: number) => (bytes: Uint8Array) => bytes.fill(byte);

describe('uuidv7', () => {
  it('has the version 7 nibble and the RFC 9562 variant bits, whatever the random bytes', () => {
    for (const byte of [0x00, 0xff, 0x5a]) {
      expect(uuidv7(1_700_000_000_000, fill(byte))).toMatch(UUID_V7);
    }
    expect(uuidv7(Date.now())).toMatch(UUID_V7);
  });

  it('encodes the millisecond timestamp in the first 48 bits', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(now, fill(0));
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts by creation time, even when the later id has smaller random bits', () => {
    const earlier = uuidv7(1_700_000_000_000, fill(0xff));
    const later = uuidv7(1_700_000_000_001, fill(0x00));
    const muchLater = uuidv7(1_800_000_000_000, fill(0x00));
    expect([muchLater, later, earlier].sort()).toEqual([earlier, later, muchLater]);
  });

  it('gives a different id to every call within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
