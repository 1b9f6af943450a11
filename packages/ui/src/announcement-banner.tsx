import { useLayoutEffect, useRef } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { partId } from './focus.ts';
import { labelsFor } from './labels.ts';
import { CloseButton, nameProps, SurfaceText } from './surface-text.tsx';
import { showInTopLayer } from './top-layer.ts';
import type { AnnouncementView } from './types.ts';

/** The custom property, on `<tebiki-root>`, that holds a bottom banner's height. */
const INSET = '--tebiki-inset-bottom';

export interface AnnouncementBannerProps {
  view: AnnouncementView;
  onDismiss(flowId: string): void;
}

/**
 * A banner along the top (or bottom) of the viewport: a named region (`<section>`) in the
 * top layer, fixed, so the page never shifts. It does not take focus.
 */
export function AnnouncementBanner({ view, onDismiss }: AnnouncementBannerProps) {
  const ref = useRef<HTMLElement>(null);
  const labels = labelsFor(view.locale);
  const idBase = partId('banner', view.flowId);

  useLayoutEffect(() => showInTopLayer(ref.current!), []);
  useEntrance(ref);
  // A bottom banner lifts the checklist's launcher and panel above itself, as
  // high as it is at each width, so it never covers them.
  const bottom = view.position === 'bottom';
  useLayoutEffect(() => {
    if (!bottom) return;
    const banner = ref.current!;
    const host = (banner.getRootNode() as ShadowRoot).host as HTMLElement;
    const observer = new ResizeObserver(() =>
      host.style.setProperty(INSET, `${banner.offsetHeight}px`),
    );
    observer.observe(banner);
    return () => {
      observer.disconnect();
      host.style.removeProperty(INSET);
    };
  }, [bottom]);

  return (
    // A named <section> is a region landmark.
    <section
      ref={ref}
      {...nameProps(idBase, view.title, view.body, labels.announcement)}
      popover="manual"
      dir={view.dir}
      lang={view.locale}
      class="tebiki-surface"
      data-tebiki-part="banner"
      data-tebiki-position={view.position ?? 'top'}
      data-tebiki-flow={view.flowId}
    >
      <div>
        <SurfaceText idBase={idBase} title={view.title} body={view.body} />
      </div>
      <CloseButton label={labels.close} onClick={() => onDismiss(view.flowId)} />
    </section>
  );
}
