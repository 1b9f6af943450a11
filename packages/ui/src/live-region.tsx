import { useEffect, useState } from 'preact/hooks';

/**
 * A polite `role=status` region. Screen readers announce changes to a region
 * that already exists, so the text lands a moment after the region does.
 */
export function LiveRegion({ message }: { message: string }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(message), 100);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div role="status" class="tebiki-sr">
      {text}
    </div>
  );
}
