/**
 * SQL for the `p`-quantile of `value` over rows ranked by a window function, with linear
 * interpolation between the two closest ranks (as numpy's default and Excel's
 * PERCENTILE.INC): `i` is the 0-based rank, `n` the row count of the partition. Use it as
 * an aggregate over the ranked rows, grouped by the partition.
 *
 * @example
 * // median of [1, 2, 3, 4] = 2.5; p90 of 1…10 = 9.1
 * `SELECT ${quantileSql(0.5)} FROM (SELECT v, row_number() OVER (ORDER BY v) - 1 AS i,
 *                                          count(*) OVER () AS n FROM t)`
 */
export function quantileSql(p: number, value = 'v', i = 'i', n = 'n'): string {
  const position = `((${n} - 1) * ${p})`;
  const lower = `CAST(${position} AS INTEGER)`;
  const fraction = `(${position} - ${lower})`;
  return `sum(CASE WHEN ${i} = ${lower} THEN ${value} * (1 - ${fraction})
                   WHEN ${i} = ${lower} + 1 THEN ${value} * ${fraction}
                   ELSE 0 END)`;
}

/** The rows of a ranked CTE for `quantileSql`, partitioned by `partition` when given. */
export function rankedSql(value: string, partition?: string): string {
  const by = partition ? `PARTITION BY ${partition} ` : '';
  return `row_number() OVER (${by}ORDER BY ${value}) - 1 AS i, count(*) OVER (${by}) AS n`;
}

/** A rate rounded to 4 decimals, or `null` for an empty denominator. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Rounds an SQL aggregate to whole milliseconds, keeping `null`. */
export function ms(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}
