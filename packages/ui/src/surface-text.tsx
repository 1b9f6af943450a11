import { parseMarkdown } from '@tebiki/schema';
import { useMemo } from 'preact/hooks';
import { MarkdownView } from './markdown-view.tsx';

interface SurfaceTextProps {
  /** From `partId`: the title and body get `${idBase}-title` and `${idBase}-body`. */
  idBase: string;
  title: string;
  /** Markdown subset, rendered as text nodes. */
  body: string;
}

/** The `title` (a heading) and Markdown `body` parts of a surface; each left out when empty. */
export function SurfaceText({ idBase, title, body }: SurfaceTextProps) {
  const blocks = useMemo(() => parseMarkdown(body), [body]);
  return (
    <>
      {title && (
        <h2 id={`${idBase}-title`} data-tebiki-part="title">
          {title}
        </h2>
      )}
      {body && (
        <div id={`${idBase}-body`} data-tebiki-part="body">
          <MarkdownView blocks={blocks} />
        </div>
      )}
    </>
  );
}

/**
 * ARIA naming for a surface holding `SurfaceText`: named by its title, or by
 * `fallback` when it has none, and described by its body.
 */
export function nameProps(idBase: string, title: string, body: string, fallback: string) {
  return {
    'aria-labelledby': title ? `${idBase}-title` : undefined,
    'aria-label': title ? undefined : fallback,
    'aria-describedby': body ? `${idBase}-body` : undefined,
  };
}

/** The `close` part: an icon button named by `label`. */
export function CloseButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" data-tebiki-part="close" aria-label={label} onClick={() => onClick()}>
      ×
    </button>
  );
}
