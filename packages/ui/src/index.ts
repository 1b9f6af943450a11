export { createUI, type UI } from './create-ui.tsx';
export { type Labels, labelsFor } from './labels.ts';
export type { StepHandlers, StepView } from './step-popover.tsx';
