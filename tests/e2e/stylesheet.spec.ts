import { expect, test } from '@playwright/test';
import { css } from '../../packages/ui/src/styles.ts';
import { minifyCss } from '../../scripts/css-literals.mjs';

/**
 * The UI's stylesheet ships minified by the build. Chromium parses the source
 * and the minified text into the same rules (spaces after commas aside), so
 * minifying changed no selector, value or at-rule.
 */
test('the minified stylesheet parses into the same rules as its source', async ({ page }) => {
  const minified = minifyCss(css);
  expect(minified.length).toBeLessThan(css.length * 0.85);
  const rules = (text: string) =>
    page.evaluate((source) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(source);
      const flatten = (list: CSSRuleList): string[] =>
        [...list].flatMap((rule) =>
          'cssRules' in rule && rule instanceof CSSMediaRule
            ? [`@media ${rule.conditionText}`, ...flatten(rule.cssRules)]
            : [rule.cssText],
        );
      // Values holding var() keep their tokens as written: only the spaces after commas differ.
      return flatten(sheet.cssRules).map((rule) => rule.replace(/, /g, ','));
    }, text);
  const expected = await rules(css);
  expect(expected.length).toBeGreaterThan(50);
  expect(await rules(minified)).toEqual(expected);
});
