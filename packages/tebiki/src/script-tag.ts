import { createTebiki, type Tebiki } from './create-tebiki.ts';
import type { TebikiOptions } from './options.ts';
import { chunksBeside } from './script-chunks.ts';

type StubCall = [keyof Tebiki, ...unknown[]];
type Stub = StubCall[] & { invoked?: boolean };

declare global {
  interface Window {
    tebiki?: Tebiki | Stub;
  }
}

// Captured while the script runs: the chunks are loaded from beside this file.
const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || document.baseURI;

function autoInitOptions(element: HTMLScriptElement | null): TebikiOptions | null {
  const data = element?.dataset;
  if (!data || (!data.endpoint && !data.flows)) return null;
  return {
    endpoint: data.endpoint,
    flows: data.flows,
    writeKey: data.writeKey,
    locale: data.locale,
    debug: data.debug === 'true',
    preload: data.preload === 'true',
  };
}

function boot(): void {
  const existing = window.tebiki;
  if (existing && !Array.isArray(existing)) return; // already loaded once
  const instance = createTebiki(chunksBeside(base));
  // Replace the stub before replaying, so calls made by replayed callbacks go
  // straight to the instance instead of re-entering the stub's queue.
  window.tebiki = instance;
  const calls: StubCall[] = Array.isArray(existing) ? existing.slice() : [];
  const autoInit = autoInitOptions(script);
  if (autoInit && !calls.some(([method]) => method === 'init')) calls.unshift(['init', autoInit]);
  for (const [method, ...args] of calls) {
    const fn = instance[method] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') {
      console.warn(`[tebiki] unknown method "${String(method)}" in the queue stub; skipped`);
      continue;
    }
    try {
      fn(...args);
    } catch (error) {
      console.warn(`[tebiki] ${String(method)}() from the queue stub failed: ${String(error)}`);
    }
  }
}

boot();
