import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../src/index.ts';

describe('createMemoryStorage', () => {
  it('stores, reads back and deletes values', async () => {
    const storage = createMemoryStorage();
    expect(await storage.get('k')).toBeUndefined();
    await storage.set('k', { a: [1, 2] });
    expect(await storage.get('k')).toEqual({ a: [1, 2] });
    await storage.del('k');
    expect(await storage.get('k')).toBeUndefined();
  });

  it('keeps its own copy, as IndexedDB would', async () => {
    const storage = createMemoryStorage();
    const value = { list: [1] };
    await storage.set('k', value);
    value.list.push(2);
    const read = await storage.get<{ list: number[] }>('k');
    read!.list.push(3);
    expect(await storage.get('k')).toEqual({ list: [1] });
  });

  it('keeps two storages apart', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.set('k', 1);
    expect(await b.get('k')).toBeUndefined();
  });
});
