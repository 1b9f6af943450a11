import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** After the limit is passed we keep discarding up to this many bytes, then hang up. */
const DISCARD_FACTOR = 4;

/**
 * Reads the whole request body, refusing (413) more than `limit` bytes. An over-long
 * body is drained rather than cut, so the client still reads the 413 on a live socket.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      req.resume();
      reject(
        new HttpError(415, `Content-Encoding "${encoding}" is not supported; send plain JSON`),
      );
      return;
    }
    const tooLarge = new HttpError(413, `body is larger than the limit of ${limit} bytes (500 KB)`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discard(req, limit);
      reject(tooLarge);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        discard(req, limit, size);
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onAbort = () => {
      cleanup();
      reject(new HttpError(400, 'the request was aborted before its body ended'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new HttpError(400, `could not read the body: ${error.message}`));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAbort);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAbort);
    req.on('error', onError);
  });
}

function discard(req: IncomingMessage, limit: number, alreadyRead = 0): void {
  let size = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit * DISCARD_FACTOR) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
