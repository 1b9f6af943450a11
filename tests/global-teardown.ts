import { rmSync } from 'node:fs';
import { E2E_DB } from '../playwright.config.ts';

/** Removes the run's collector database (seeded, so tens of MB) and its WAL files. */
export default function globalTeardown(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${E2E_DB}${suffix}`, { force: true });
}
