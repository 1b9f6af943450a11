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
}

export type Frequency = 'once' | 'session' | 'always';

interface FlowBase {
  id: string;
  trigger?: Trigger;
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
