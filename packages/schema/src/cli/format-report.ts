import type { Colors } from './colors.ts';
import type { FileReport } from './validate-file.ts';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const describeCounts = (counts: FileReport['counts']): string =>
  counts ? ` (${plural(counts.flows, 'flow')}, ${plural(counts.milestones, 'milestone')})` : '';

/**
 * The human format: a `✔` line per clean file, a block per file with issues
 * (`line:column  severity  message   code`), then a summary when anything was found.
 */
export function formatText(reports: readonly FileReport[], colors: Colors): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.issues.length === 0) {
      out.push(`${colors.green('✔')} ${report.file}: valid${describeCounts(report.counts)}`);
      continue;
    }
    out.push(colors.underline(report.file));
    const positions = report.issues.map(({ line, column }) =>
      line === null ? '' : `${line}:${column}`,
    );
    const width = Math.max(...positions.map((position) => position.length));
    report.issues.forEach((issue, index) => {
      const position = colors.dim((positions[index] ?? '').padEnd(width));
      const severity =
        issue.severity === 'error' ? colors.red('error  ') : colors.yellow('warning');
      out.push(`  ${position}  ${severity}  ${issue.message}   ${colors.dim(issue.code)}`);
    });
    out.push('');
  }

  const all = reports.flatMap((report) => report.issues);
  const errors = all.filter((issue) => issue.severity === 'error').length;
  const warnings = all.length - errors;
  const withIssues = reports.filter((report) => report.issues.length > 0).length;
  if (withIssues > 0) {
    const files =
      withIssues === reports.length
        ? plural(withIssues, 'file')
        : `${withIssues} of ${plural(reports.length, 'file')}`;
    out.push(
      errors > 0
        ? colors.bold(
            colors.red(
              `✖ ${plural(errors, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''} in ${files}`,
            ),
          )
        : colors.bold(colors.yellow(`⚠ ${plural(warnings, 'warning')} in ${files}, no errors`)),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The `--json` format: one array, `{ file, valid, issues }` per file, in argument order. */
export function formatJson(reports: readonly FileReport[]): string {
  const results = reports.map(({ file, valid, issues }) => ({ file, valid, issues }));
  return `${JSON.stringify(results, null, 2)}\n`;
}
