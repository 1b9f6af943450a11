import { localeChain } from '@tebiki/schema';

export interface Labels {
  next: string;
  back: string;
  done: string;
  close: string;
  /** "2 / 5" */
  progress: (current: number, total: number) => string;
  /** Read by the live region when a step shows: "Step 2 of 5: Start here". */
  stepStatus: (current: number, total: number, title: string) => string;
  /** A hotspot's name when its hint has no title. */
  showTip: string;
  /** A hint tooltip's name when it has no title. */
  tip: string;
  /** An announcement's name when it has no title. */
  announcement: string;
  /** The modal announcement's primary button. */
  gotIt: string;
  /** A checklist's name when it has no title. */
  checklist: string;
  /** "1 of 3 done" */
  checklistProgress: (done: number, total: number) => string;
  /** Before a done item's title, for screen readers. */
  itemDone: string;
  /** Before an open item's title, for screen readers. */
  itemTodo: string;
  showMe: string;
  allDone: string;
  hideChecklist: string;
}

const labels: Record<string, Labels> = {
  en: {
    next: 'Next',
    back: 'Back',
    done: 'Done',
    close: 'Close',
    progress: (current, total) => `${current} / ${total}`,
    stepStatus: (current, total, title) =>
      `Step ${current} of ${total}${title ? `: ${title}` : ''}`,
    showTip: 'Show tip',
    tip: 'Tip',
    announcement: 'Announcement',
    gotIt: 'Got it',
    checklist: 'Checklist',
    checklistProgress: (done, total) => `${done} of ${total} done`,
    itemDone: 'Done',
    itemTodo: 'To do',
    showMe: 'Show me',
    allDone: 'All done!',
    hideChecklist: 'Hide checklist',
  },
  ja: {
    next: '次へ',
    back: '戻る',
    done: '完了',
    close: '閉じる',
    progress: (current, total) => `${current} / ${total}`,
    stepStatus: (current, total, title) =>
      `ステップ ${current} / ${total}${title ? `：${title}` : ''}`,
    showTip: 'ヒントを表示',
    tip: 'ヒント',
    announcement: 'お知らせ',
    gotIt: 'OK',
    checklist: 'チェックリスト',
    checklistProgress: (done, total) => `${total} 件中 ${done} 件完了`,
    itemDone: '完了',
    itemTodo: '未完了',
    showMe: 'やり方を見る',
    allDone: 'すべて完了しました',
    hideChecklist: 'チェックリストを隠す',
  },
};

/** Built-in labels for `locale`, falling back to English. */
export function labelsFor(locale: string): Labels {
  for (const candidate of localeChain(locale)) {
    const found = labels[candidate];
    if (found) return found;
  }
  return labels.en!;
}
