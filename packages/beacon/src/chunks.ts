/** Largest body given to `keepalive` fetch or `sendBeacon` (browsers allow 64 KiB in flight in all). */
export const MAX_KEEPALIVE_BYTES = 48 * 1024;
/** The smallest chunk tried when the browser refuses a beacon. */
export const MIN_BEACON_BYTES = 16 * 1024;

/**
 * Hands items to `send` (a `sendBeacon`) in order, in chunks whose bodies stay within
 * 48 KB. A refused chunk is tried again at half the size, down to 16 KB: the browser's
 * keepalive quota is shared with every beacon and keepalive fetch still in flight.
 * Stops at the first chunk refused at 16 KB. Returns the items handed over.
 *
 * @param overhead bytes of the body around its items (`{"batch":[],"sentAt":…}`)
 */
export function beaconInChunks<T extends { bytes: number }>(
  items: T[],
  overhead: number,
  send: (chunk: T[]) => boolean,
): T[] {
  const sent: T[] = [];
  let limit = MAX_KEEPALIVE_BYTES;
  let start = 0;
  while (start < items.length) {
    let end = start;
    let bytes = overhead;
    // At least one item per chunk; each after the first adds its bytes and a comma.
    while (end < items.length && (end === start || bytes + items[end]!.bytes + 1 <= limit)) {
      bytes += items[end]!.bytes + 1;
      end++;
    }
    const chunk = items.slice(start, end);
    if (send(chunk)) {
      sent.push(...chunk);
      start = end;
    } else if (limit > MIN_BEACON_BYTES) limit = Math.max(MIN_BEACON_BYTES, limit / 2);
    else break;
  }
  return sent;
}
