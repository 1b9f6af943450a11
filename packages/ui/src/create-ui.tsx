import { render } from 'preact';
import { type Mounted, mountRoot } from './mount.ts';
import { type StepHandlers, StepPopover, type StepView } from './step-popover.tsx';

export interface UI {
  /** Shows a tour step, or hides the step UI when given null. */
  renderStep(view: StepView | null): void;
  destroy(): void;
}

/**
 * The lazily loaded UI: owns `<tebiki-root>`, renders what the engine decides,
 * and gives focus back where it was when the flow ends.
 */
export function createUI(doc: Document, handlers: StepHandlers): UI {
  let mounted: Mounted | null = null;
  let returnFocusTo: Element | null = null;

  const root = () => {
    mounted ??= mountRoot(doc);
    return mounted.shadowRoot;
  };

  return {
    renderStep(view) {
      if (view) {
        if (!returnFocusTo) returnFocusTo = doc.activeElement;
        render(<StepPopover view={view} {...handlers} />, root());
        return;
      }
      if (!mounted) return;
      const hadFocus = mounted.host === doc.activeElement;
      render(null, mounted.shadowRoot);
      if (hadFocus && returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) {
        returnFocusTo.focus({ preventScroll: true });
      }
      returnFocusTo = null;
    },
    destroy() {
      if (!mounted) return;
      render(null, mounted.shadowRoot);
      mounted.unmount();
      mounted = null;
    },
  };
}
