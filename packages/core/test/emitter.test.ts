import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../src/index.ts';

interface Contract {
  ping: { n: number };
  pong: { s: string };
}

describe('createEmitter', () => {
  it('delivers the detail to every listener of that name only', () => {
    const emitter = createEmitter<Contract>();
    const ping = vi.fn();
    const pong = vi.fn();
    emitter.on('ping', ping);
    emitter.on('pong', pong);
    emitter.emit('ping', { n: 1 });
    expect(ping).toHaveBeenCalledWith({ n: 1 });
    expect(pong).not.toHaveBeenCalled();
  });

  it('stops calling a listener once it unsubscribes', () => {
    const emitter = createEmitter<Contract>();
    const fn = vi.fn();
    const off = emitter.on('ping', fn);
    emitter.emit('ping', { n: 1 });
    off();
    off();
    emitter.emit('ping', { n: 2 });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const onListenerError = vi.fn();
    const emitter = createEmitter<Contract>(onListenerError);
    const boom = new Error('boom');
    const after = vi.fn();
    emitter.on('ping', () => {
      throw boom;
    });
    emitter.on('ping', after);
    expect(() => emitter.emit('ping', { n: 1 })).not.toThrow();
    expect(after).toHaveBeenCalledWith({ n: 1 });
    expect(onListenerError).toHaveBeenCalledWith(boom, 'ping');
  });

  it('still calls every listener when one unsubscribes another during an emit', () => {
    const emitter = createEmitter<Contract>();
    const second = vi.fn();
    let offSecond = () => {};
    emitter.on('ping', () => offSecond());
    offSecond = emitter.on('ping', second);
    emitter.emit('ping', { n: 1 });
    expect(second).toHaveBeenCalledTimes(1);
    emitter.emit('ping', { n: 2 });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('forgets every listener on clear()', () => {
    const emitter = createEmitter<Contract>();
    const fn = vi.fn();
    emitter.on('ping', fn);
    emitter.clear();
    emitter.emit('ping', { n: 1 });
    expect(fn).not.toHaveBeenCalled();
  });
});
