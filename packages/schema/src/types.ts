/** Author-supplied text: one string, or one string per BCP 47 locale. */
export type Text = string | { readonly [locale: string]: string };

export type Placement =
  | 'top'
  | 'bottom'
  | 'left'
  | 'right'
  | 'top-start'
  | 'top-end'
  | 'bottom-start'
  | 'bottom-end'
  | 'left-start'
  | 'left-end'
  | 'right-start'
  | 'right-end'
  | 'center';

export interface Trigger {
  /** Pathname pattern: `*` within one segment, `**` across segments. */
  url?: string;
  /** A tracked event that starts the flow. */
  event?: string;
  /** Start once an element matching this CSS selector appears. */
  element?: string;
  /** Start this many ms after the other conditions hold. */
  delayMs?: number;
}

/** A condition on one trait: a value (equals) or an object of operators, all of which must hold. */
export type Condition =
  | string
  | number
  | boolean
  | null
  | {
      eq?: string | number | boolean | null;
      ne?: string | number | boolean | null;
      in?: (string | number | boolean | null)[];
      nin?: (string | number | boolean | null)[];
      gt?: number | string;
      gte?: number | string;
      lt?: number | string;
      lte?: number | string;
      exists?: boolean;
      /** A date (ISO 8601 or epoch ms) or a relative duration such as "-7d". */
      before?: string | number;
      after?: string | number;
    };

export type TouchTier = 'high' | 'low' | 'tech';

/** Who sees a flow. Every rule must hold. */
export interface Audience {
  /** Rules on the user's traits (from `identify`). */
  traits?: Record<string, Condition>;
  /** Rules on the account's traits (from `group`). */
  account?: Record<string, Condition>;
  /** The account's touch tier must be one of these. */
  touch?: TouchTier | TouchTier[];
}

export interface AdvanceOn {
  /** Advance when the user clicks an element matching this selector. */
  click?: string;
  /** Advance when this event is tracked. */
  event?: string;
}

export interface Step {
  id: string;
  /** CSS selector of the element the step points at; omitted = centred. */
  target?: string;
  placement?: Placement;
  title?: Text;
  body?: Text;
  advanceOn?: AdvanceOn;
  /** Milestone reached when this step is completed. */
  milestone?: string;
  /** How long to wait for a missing target, in ms. @default 3000 */
  waitMs?: number;
  /** What to do when the target never appears. @default 'skip' */
  fallback?: 'skip' | 'center';
  /** The page this step lives on (multi-page tours). @default the tour's trigger URL */
  url?: string;
  /**
   * Blocks the page outside the spotlight's cut-out and keeps Tab inside the
   * step. @default false
   */
  modal?: boolean;
  /** The dimming with a cut-out around the target; `false` leaves the page as it is. @default true */
  spotlight?: boolean | Spotlight;
}

/** How a step dims the page around its target. */
export interface Spotlight {
  /** Space around the target, in px. @default 6 */
  padding?: number;
  /** Corner radius of the cut-out, in px. @default 8 */
  radius?: number;
  /** Whether the target stays clickable through the cut-out. @default true */
  clickThrough?: boolean;
}

export type Frequency = 'once' | 'session' | 'always';

interface FlowBase {
  id: string;
  trigger?: Trigger;
  audience?: Audience;
  frequency?: Frequency;
  priority?: number;
}

export interface TourFlow extends FlowBase {
  type: 'tour';
  steps: Step[];
}

export interface ChecklistItem {
  milestone: string;
  flow?: string;
  title?: Text;
}

export interface ChecklistFlow extends FlowBase {
  type: 'checklist';
  title?: Text;
  items: ChecklistItem[];
}

export interface HintFlow extends FlowBase {
  type: 'hint';
  target: string;
  title?: Text;
  body?: Text;
  placement?: Placement;
}

export interface AnnouncementFlow extends FlowBase {
  type: 'announcement';
  display: 'modal' | 'banner';
  /** Where a banner sits: along the top (default) or bottom of the viewport. */
  position?: 'top' | 'bottom';
  title?: Text;
  body?: Text;
}

export type Flow = TourFlow | ChecklistFlow | HintFlow | AnnouncementFlow;

export interface MilestoneCondition {
  event?: string;
  url?: string;
  click?: string;
}

export interface Milestone {
  id: string;
  title?: Text;
  aha?: boolean;
  when?: MilestoneCondition;
}

export interface FlowsDocument {
  $schema?: string;
  version: 1;
  defaultLocale?: string;
  milestones?: Milestone[];
  flows: Flow[];
}

/** One problem found in a flows document. */
export interface DocumentIssue {
  /** Machine-readable kind, e.g. `invalid_type`. */
  code: string;
  /** Errors drop the flow or milestone they are in; warnings only inform. */
  severity: 'error' | 'warning';
  /** JS-notation path into the document, e.g. `flows[1].steps[0].target`. */
  path: string;
  message: string;
}
