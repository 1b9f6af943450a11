import { useEffect, useState } from 'preact/hooks';

/**
 * A polite `role=status` region. Screen readers announce changes to a region
 * that already exists, so the text lands a moment after the region does, with
 * the language it is in.
 */
export function LiveRegion({ message, lang }: { message: string; lang?: string | undefined }) {
  const [said, setSaid] = useState<[string, string?]>(['']);
  useEffect(() => {
    const timer = setTimeout(() => setSaid([message, lang]), 100);
    return () => clearTimeout(timer);
  }, [message, lang]);
  return (
    <div role="status" class="tebiki-sr" lang={said[1]}>
      {said[0]}
    </div>
  );
}
