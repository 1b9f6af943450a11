export type Listener<T> = (detail: T) => void;

export interface Emitter<Contract extends object> {
  on<K extends keyof Contract>(name: K, fn: Listener<Contract[K]>): () => void;
  emit<K extends keyof Contract>(name: K, detail: Contract[K]): void;
  clear(): void;
}

/**
 * A typed event emitter. A listener that throws is reported through
 * `onListenerError` and never stops the others (or reaches the host page).
 */
export function createEmitter<Contract extends object>(
  onListenerError: (error: unknown, name: keyof Contract) => void = () => {},
): Emitter<Contract> {
  const listeners = new Map<keyof Contract, Set<Listener<never>>>();
  return {
    on(name, fn) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(fn as Listener<never>);
      return () => {
        set.delete(fn as Listener<never>);
      };
    },
    emit(name, detail) {
      for (const fn of [...(listeners.get(name) ?? [])]) {
        try {
          (fn as Listener<typeof detail>)(detail);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
