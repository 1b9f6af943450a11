export type { MdBlock, MdInline } from './markdown.ts';
export { parseMarkdown, safeHref } from './markdown.ts';
export { localeChain, resolveText, textLocale } from './text.ts';
export type {
  AdvanceOn,
  AnnouncementFlow,
  Audience,
  ChecklistFlow,
  ChecklistItem,
  Condition,
  DocumentIssue,
  Flow,
  FlowsDocument,
  Frequency,
  HintFlow,
  Milestone,
  MilestoneCondition,
  Placement,
  Step,
  Text,
  TouchTier,
  TourFlow,
  Trigger,
} from './types.ts';
export { type ValidationResult, validateDocument } from './validate.ts';
