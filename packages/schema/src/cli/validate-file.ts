import { parseJsonWithPositions, type SourcePointer, type SourcePosition } from '../json-source.ts';
import type { DocumentIssue } from '../types.ts';
import { validateDocument } from '../validate.ts';

export type Severity = 'error' | 'warning';

export interface FileIssue {
  code: string;
  severity: Severity;
  /** JS-notation path, `$` for the whole document. */
  path: string;
  message: string;
  /** 1-based; `null` when the problem has no place in the text (the file could not be read). */
  line: number | null;
  column: number | null;
}

export interface FileReport {
  file: string;
  /** True when there is no error; warnings are allowed. */
  valid: boolean;
  /** Sorted by position. */
  issues: FileIssue[];
  /** What the usable document holds, for the `✔ … valid (3 flows, 3 milestones)` line. */
  counts?: { flows: number; milestones: number };
}

/** Issues about a property name rather than its value point at the name. */
const KEY_CODES = new Set(['unknown_key', 'duplicate_key']);

const parentPath = (path: string): string | undefined => {
  if (path === '$') return undefined;
  const cut = path.endsWith(']') ? path.lastIndexOf('[') : path.lastIndexOf('.');
  return cut > 0 ? path.slice(0, cut) : '$';
};

/**
 * Where `path` sits in the source, or its nearest ancestor that does (an issue
 * about a missing property points at the object that lacks it).
 */
export function locate(
  pointers: ReadonlyMap<string, SourcePointer>,
  path: string,
  atKey = false,
): SourcePosition | undefined {
  const wanted = path.startsWith('$.') ? path.slice(2) : path;
  for (let current: string | undefined = wanted; current !== undefined; ) {
    const pointer = pointers.get(current);
    if (pointer) {
      const { line, column } = atKey && current === wanted && pointer.key ? pointer.key : pointer;
      return { line, column };
    }
    current = parentPath(current);
  }
  return undefined;
}

const severityOf = (issue: DocumentIssue): Severity =>
  (issue as DocumentIssue & { severity?: string }).severity === 'warning' ? 'warning' : 'error';

const byPosition = (a: FileIssue, b: FileIssue): number =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/** Parses and validates one document's text; never throws. */
export function checkText(file: string, text: string): FileReport {
  const source = parseJsonWithPositions(text);
  const issues: FileIssue[] = source.errors.map(({ code, path, message, line, column }) => ({
    code,
    severity: 'error',
    path,
    message,
    line,
    column,
  }));
  let counts: FileReport['counts'];
  if (source.value !== undefined) {
    const { document, issues: found } = validateDocument(source.value);
    for (const issue of found) {
      const at = locate(source.pointers, issue.path, KEY_CODES.has(issue.code));
      issues.push({
        code: issue.code,
        severity: severityOf(issue),
        path: issue.path,
        message: issue.message,
        line: at?.line ?? null,
        column: at?.column ?? null,
      });
    }
    if (document) {
      counts = { flows: document.flows.length, milestones: document.milestones?.length ?? 0 };
    }
  }
  issues.sort(byPosition);
  return { file, valid: issues.every((issue) => issue.severity !== 'error'), issues, counts };
}

const describeReadError = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
};

/** Reads, parses and validates one file; an unreadable file is reported, not thrown. */
export async function validateFile(
  file: string,
  readFile: (path: string) => Promise<string>,
): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    const issue: FileIssue = {
      code: 'unreadable_file',
      severity: 'error',
      path: '$',
      message: `cannot read the file: ${describeReadError(error)}`,
      line: null,
      column: null,
    };
    return { file, valid: false, issues: [issue] };
  }
  return checkText(file, text);
}
