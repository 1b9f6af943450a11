export { createUI, type UI, type UIOptions } from './create-ui.tsx';
export { type Labels, labelsFor } from './labels.ts';
export type { Theme } from './theme.ts';
export type {
  AnnouncementView,
  ChecklistItemView,
  ChecklistView,
  Dir,
  HintView,
  StepHandlers,
  StepSpotlight,
  StepView,
  UIHandlers,
} from './types.ts';
