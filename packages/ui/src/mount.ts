import { css } from './styles.ts';
import { applyTheme, type Theme } from './theme.ts';
import { raiseInTopLayer, showInTopLayer } from './top-layer.ts';

export interface Mounted {
  host: HTMLElement;
  shadowRoot: ShadowRoot;
  /**
   * Moves `<tebiki-root>` into the host page's open modal `<dialog>` (or back to
   * the body once it closes). A modal dialog makes everything outside it inert,
   * top layer included, so Tebiki's parts must live inside it to stay usable.
   */
  adopt(): void;
  unmount(): void;
}

/** Takes `<tebiki-root>` out of layout and out of reach of the page's effects on it. */
const HOST_STYLE =
  'position:fixed;top:0;left:0;width:0;height:0;margin:0;padding:0;border:0;display:block;' +
  'z-index:2147483647;transform:none;filter:none;opacity:1;contain:none;visibility:visible';

/**
 * Creates `<tebiki-root>` with an open shadow root (host apps' own e2e tests
 * can reach inside) and its stylesheet, not yet in the page: the first
 * `adopt()` inserts it. The host is taken out of layout so the page never shifts.
 */
export function mountRoot(doc: Document, theme?: Theme): Mounted {
  const host = doc.createElement('tebiki-root');
  // Inline !important beats any author rule, including hostile `* {}` resets.
  for (const declaration of HOST_STYLE.split(';')) {
    const [property, value] = declaration.split(':');
    host.style.setProperty(property!, value!, 'important');
  }
  if (theme) applyTheme(host, theme);
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in shadowRoot && typeof view.CSSStyleSheet === 'function') {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    shadowRoot.adoptedStyleSheets = [sheet];
  }

  // Dialogs fire `toggle` (and `close`), which do not bubble: listen in the capture phase.
  const onToggle = (event: Event) => {
    if ((event.target as Element | null)?.localName === 'dialog') adopt();
  };
  let listening = false;
  const dialogs = doc.getElementsByTagName('dialog');
  // A page that swaps its <body> (Turbo Drive) or empties it (a framework mounting
  // on it) takes the root out: it goes back in. Only the direct children of <html>
  // and <body> are watched, so the page's own rendering costs nothing here.
  const kept = new MutationObserver(() => {
    if (!host.isConnected) adopt();
  });
  const adopt = () => {
    if (!listening) {
      listening = true;
      doc.addEventListener('toggle', onToggle, true);
      doc.addEventListener('close', onToggle, true);
      kept.observe(doc.documentElement, { childList: true });
    }
    if (doc.body) kept.observe(doc.body, { childList: true });
    const dialog = blockingDialog(dialogs);
    const parent = dialog ?? doc.body ?? doc.documentElement;
    if (host.parentNode === parent) return;
    // A page zoomed with CSS (`body { zoom: 1.5 }`) would scale every position,
    // which is measured in the viewport's pixels: the root undoes the zoom it inherits.
    const zoom = (parent as { currentCSSZoom?: number }).currentCSSZoom;
    host.style.setProperty('zoom', String(zoom ? 1 / zoom : 1), 'important');
    const focused = shadowRoot.activeElement as HTMLElement | null;
    const move = (parent as { moveBefore?: (node: Node, child: Node | null) => void }).moveBefore;
    try {
      // Keeps focus and top-layer state where supported, but only moves a node already in the page.
      if (host.isConnected) move!.call(parent, host, null);
      else parent.appendChild(host);
    } catch {
      parent.appendChild(host);
    }
    // Every rendered popover is meant to be open (a plain move closes them), and the
    // newest in the top layer is on top: above a dialog that just opened, show them again.
    for (const element of shadowRoot.querySelectorAll<HTMLElement>('[popover]')) {
      (dialog ? raiseInTopLayer : showInTopLayer)(element);
    }
    if (focused && shadowRoot.activeElement !== focused) focused.focus({ preventScroll: true });
  };
  return {
    host,
    shadowRoot,
    adopt,
    unmount: () => {
      doc.removeEventListener('toggle', onToggle, true);
      doc.removeEventListener('close', onToggle, true);
      kept.disconnect();
      host.remove();
    },
  };
}

/**
 * The host page's topmost open modal dialog, if any. Reads the document's live
 * list of dialogs, which costs nothing on a page without any, rather than
 * matching a selector against the whole page at every step.
 */
function blockingDialog(dialogs: HTMLCollectionOf<HTMLDialogElement>): Element | null {
  for (let index = dialogs.length - 1; index >= 0; index--) {
    try {
      if (dialogs[index]!.matches(':modal')) return dialogs[index]!;
    } catch {
      return null;
    }
  }
  return null;
}
