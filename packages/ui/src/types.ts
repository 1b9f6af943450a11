import type { Placement } from '@tebiki/schema';

export type Dir = 'ltr' | 'rtl';

/** How a tour step dims the page around its target. */
export interface StepSpotlight {
  /** Space around the target's box, in px. @default 6 */
  padding?: number;
  /** Corner radius of the cut-out, in px. @default 8 */
  radius?: number;
  /**
   * Whether the target stays clickable through the cut-out. Off blocks the
   * target too (the user has to press Next). @default true
   */
  clickThrough?: boolean;
}

export interface StepView {
  flowId: string;
  stepId: string;
  stepIndex: number;
  total: number;
  title: string;
  /** Markdown subset (docs/markdown.md), rendered as text nodes. */
  body: string;
  /** The element the step points at; null = centred. */
  target: Element | null;
  placement: Placement;
  dir: Dir;
  /**
   * The language of the surface's text: its `lang` attribute, and the language
   * of the built-in labels (Next, Back, Done, Close).
   */
  locale: string;
  /**
   * A modal step blocks the page outside the spotlight's cut-out and keeps Tab
   * inside the step. @default false
   */
  modal?: boolean;
  /**
   * The dimmed overlay with a cut-out around the target; `false` leaves the page
   * as it is. Steps without a target get a plain backdrop only when modal.
   * @default true
   */
  spotlight?: boolean | StepSpotlight;
}

/** An `announcement` flow: a centred modal dialog or a banner. */
export interface AnnouncementView {
  flowId: string;
  display: 'modal' | 'banner';
  title: string;
  /** Markdown subset, rendered as text nodes. */
  body: string;
  dir: Dir;
  /** As StepView's: the surface's `lang` and the built-in labels' language. */
  locale: string;
  /** Where a banner sits. @default 'top' */
  position?: 'top' | 'bottom';
}

/** A `hint` flow: a pulsing hotspot at `target` that opens a tooltip. */
export interface HintView {
  flowId: string;
  target: Element;
  title: string;
  /** Markdown subset, rendered as text nodes. */
  body: string;
  /** Where the tooltip opens; `center` means `bottom`. */
  placement: Placement;
  dir: Dir;
  /** As StepView's: the surface's `lang` and the built-in labels' language. */
  locale: string;
  /** Whether the tooltip is open. The user toggles it too; a new value here wins. */
  open: boolean;
}

export interface ChecklistItemView {
  itemId: string;
  title: string;
  done: boolean;
  /** The tour that teaches this item: the item gets a "Show me" button. */
  flowId?: string;
}

/** A `checklist` flow: a launcher in the bottom corner that opens the panel. */
export interface ChecklistView {
  flowId: string;
  title: string;
  items: ChecklistItemView[];
  done: number;
  total: number;
  /** Whether the panel is open. The user toggles it too; a new value here wins. */
  open: boolean;
  dir: Dir;
  /** As StepView's: the surface's `lang` and the built-in labels' language. */
  locale: string;
}

/** What the tour step's controls call. */
export interface StepHandlers {
  next(): void;
  back(): void;
  dismiss(): void;
}

/** What every part's controls call: the step's three, and one per other user action. */
export interface UIHandlers extends StepHandlers {
  /** The announcement's close button, or Escape. It is hidden at once. */
  dismissAnnouncement?(flowId: string): void;
  /** The modal announcement's OK button. It is hidden at once. Default: as dismiss. */
  acknowledgeAnnouncement?(flowId: string): void;
  /** The hint's hotspot opened its tooltip. */
  hintOpened?(flowId: string): void;
  /** The hint's tooltip was closed (close button, Escape, or the hotspot again). */
  hintDismissed?(flowId: string): void;
  /** The checklist panel was opened or closed by the user. */
  checklistOpenChange?(flowId: string, open: boolean): void;
  /** "Show me" on an item: `flowId` is the tour that teaches it. */
  checklistStart?(flowId: string): void;
  /** The checklist's "Hide checklist" button. It is hidden at once. */
  checklistDismiss?(flowId: string): void;
  /**
   * The step's target has no box any more: removed, re-rendered as a new
   * element, or `display: none`. Render the step again with the element that
   * replaced it, or without one.
   */
  stepTargetLost?(): void;
  /** As `stepTargetLost`, for a hint's target. */
  hintTargetLost?(flowId: string): void;
}
