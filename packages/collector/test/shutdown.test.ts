import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCollector, createEventStore } from '../src/index.ts';
import { batchOf, silentLogger, startCollector, trackEvent } from './support/collector-harness.ts';

describe('close()', () => {
  it('lets an in-flight request finish and store its batch before the database closes', async () => {
    const harness = await startCollector();
    const { port } = harness.collector.server.address() as AddressInfo;
    const body = JSON.stringify(batchOf([trackEvent({ messageId: 'in-flight' })]));
    const half = Math.floor(body.length / 2);

    const order: string[] = [];
    const insertBatches = harness.store.insertBatches.bind(harness.store);
    vi.spyOn(harness.store, 'insertBatches').mockImplementation((...args) => {
      const result = insertBatches(...args);
      order.push('committed');
      return result;
    });
    const closeStore = harness.store.close.bind(harness.store);
    vi.spyOn(harness.store, 'close').mockImplementation(() => {
      order.push('store closed');
      closeStore();
    });

    // close() starts only once the server is handling the request (its headers are in).
    const received = new Promise((resolve) => harness.collector.server.once('request', resolve));
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/v1/batch' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.setHeader('Content-Length', Buffer.byteLength(body));
      req.write(body.slice(0, half));
      // The rest of the body arrives after close() has started.
      setTimeout(() => {
        order.push('body ended');
        req.end(body.slice(half));
      }, 100);
    });
    await received;
    const closed = harness.collector.close();
    order.push('close called');

    const { status, text } = await answer;
    await closed;
    expect(order).toEqual(['close called', 'body ended', 'committed', 'store closed']);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ stored: 1 });
    expect(harness.collector.server.listening).toBe(false);

    const reopened = createEventStore(harness.dbPath);
    expect(reopened.recentEvents(10).map((event) => event.messageId)).toEqual(['in-flight']);
    reopened.close();
    await harness.dispose();
  });

  it('can be called twice', async () => {
    const harness = await startCollector();
    await harness.collector.close();
    await expect(harness.collector.close()).resolves.toBeUndefined();
    await harness.dispose();
  });

  it('closes the store of a collector that never listened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tebiki-collector-'));
    const store = createEventStore(join(dir, 'events.db'));
    const collector = createCollector({ store, adminToken: 't', log: silentLogger() });
    await collector.close();
    expect(() => store.recentEvents(1)).toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});
