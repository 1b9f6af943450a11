import { describe, expect, it, vi } from 'vitest';
import { beaconInChunks } from '../src/index.ts';

const items = (sizes: number[]) => sizes.map((bytes, id) => ({ id, bytes }));
/** Body size as the queue computes it: overhead, then each item and a comma. */
const size = (chunk: { bytes: number }[]) =>
  100 + chunk.reduce((sum, item) => sum + item.bytes + 1, 0);

describe('beaconInChunks', () => {
  it('fills chunks up to 48 KB, in order', () => {
    const send = vi.fn((_chunk: { id: number; bytes: number }[]) => true);
    const all = items(Array.from({ length: 10 }, () => 10_000));
    expect(beaconInChunks(all, 100, send)).toEqual(all);
    const chunks = send.mock.calls.map(([chunk]) => chunk);
    expect(chunks.map((chunk) => chunk.length)).toEqual([4, 4, 2]);
    for (const chunk of chunks) expect(size(chunk)).toBeLessThanOrEqual(48 * 1024);
  });

  it('halves a refused chunk down to 16 KB and keeps that size for the rest', () => {
    const offered: number[] = [];
    const send = vi.fn((chunk: { bytes: number }[]) => {
      offered.push(size(chunk));
      return size(chunk) <= 16 * 1024;
    });
    const all = items(Array.from({ length: 8 }, () => 5_000));
    expect(beaconInChunks(all, 100, send)).toEqual(all);
    expect(offered.slice(0, 2).every((bytes) => bytes > 16 * 1024)).toBe(true);
    expect(offered.slice(2).every((bytes) => bytes <= 16 * 1024)).toBe(true);
  });

  it('stops at the first chunk refused at 16 KB and returns what was handed over', () => {
    let budget = 2;
    const send = vi.fn(() => budget-- > 0);
    const all = items(Array.from({ length: 30 }, () => 5_000));
    const sent = beaconInChunks(all, 100, send);
    expect(sent).toEqual(all.slice(0, 18));
    expect(send).toHaveBeenCalledTimes(5); // two taken, then 48 → 24 → 16 KB refused
  });

  it('offers an item larger than the chunk size on its own', () => {
    const send = vi.fn(() => true);
    const all = items([30_000, 30_000]);
    expect(beaconInChunks(all, 100, send)).toEqual(all);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
