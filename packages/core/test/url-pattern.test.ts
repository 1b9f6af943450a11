import { describe, expect, it } from 'vitest';
import { matchUrl } from '../src/index.ts';

describe('matchUrl', () => {
  it.each([
    ['/dashboard', '/dashboard', true],
    ['/dashboard', '/dashboard/', false],
    ['/dashboard*', '/dashboard', true],
    ['/dashboard*', '/dashboard-beta', true],
    ['/dashboard*', '/dashboard/settings', false],
    ['/reports/*', '/reports/42', true],
    ['/reports/*', '/reports/42/edit', false],
    ['/reports/*/edit', '/reports/42/edit', true],
    ['/reports/**', '/reports/42/edit/now', true],
    ['/reports/**', '/reports/', true],
    ['/**/settings', '/org/1/team/settings', true],
    ['/**/settings', '/org/1/team/settings/x', false],
  ])('%s against %s → %s', (pattern, pathname, expected) => {
    expect(matchUrl(pattern, pathname)).toBe(expected);
  });

  it('treats dots and other regular-expression characters literally', () => {
    expect(matchUrl('/docs/v1.2', '/docs/v1.2')).toBe(true);
    expect(matchUrl('/docs/v1.2', '/docs/v1x2')).toBe(false);
    expect(matchUrl('/a+b', '/a+b')).toBe(true);
    expect(matchUrl('/a+b', '/aab')).toBe(false);
    expect(matchUrl('/(x)', '/(x)')).toBe(true);
    expect(matchUrl('/file?.txt', '/file.txt')).toBe(false);
  });

  it('is anchored at both ends', () => {
    expect(matchUrl('/dashboard', '/app/dashboard')).toBe(false);
    expect(matchUrl('/dashboard', '/dashboard/extra')).toBe(false);
    expect(matchUrl('/app', '/apple')).toBe(false);
  });
});
