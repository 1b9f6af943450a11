export interface Colors {
  bold: (text: string) => string;
  dim: (text: string) => string;
  underline: (text: string) => string;
  red: (text: string) => string;
  yellow: (text: string) => string;
  green: (text: string) => string;
}

const plain = (text: string): string => text;

const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** ANSI styles when `enabled`, identity functions otherwise. */
export function createColors(enabled: boolean): Colors {
  if (!enabled) {
    return { bold: plain, dim: plain, underline: plain, red: plain, yellow: plain, green: plain };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    underline: ansi(4, 24),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    green: ansi(32, 39),
  };
}

/** https://no-color.org: any non-empty `NO_COLOR` turns colour off. */
export const wantsColor = (isTTY: boolean, env: Readonly<Record<string, string | undefined>>) =>
  isTTY && !env.NO_COLOR;
