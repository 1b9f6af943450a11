import { localeChain } from '@tebiki/schema';

export interface Labels {
  next: string;
  back: string;
  done: string;
  close: string;
  /** "2 / 5" */
  progress: (current: number, total: number) => string;
}

const labels: Record<string, Labels> = {
  en: {
    next: 'Next',
    back: 'Back',
    done: 'Done',
    close: 'Close',
    progress: (current, total) => `${current} / ${total}`,
  },
  ja: {
    next: '次へ',
    back: '戻る',
    done: '完了',
    close: '閉じる',
    progress: (current, total) => `${current} / ${total}`,
  },
};

/** Button labels for `locale`, falling back to English. */
export function labelsFor(locale: string): Labels {
  for (const candidate of localeChain(locale)) {
    const found = labels[candidate];
    if (found) return found;
  }
  return labels.en!;
}
