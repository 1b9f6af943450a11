// Small SVG charts for the CS dashboard, built with DOM APIs only: every attribute goes
// through setAttribute and every label through textContent, so event data can never become
// markup, and nothing needs an inline style (the page runs under style-src 'self').
// Colours come from classes in dashboard.css.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const LABEL_CHARS = 24;

/** An SVG element with attributes and, optionally, text. */
export function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  if (text !== undefined) element.textContent = text;
  return element;
}

function root(height, label) {
  return svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': label,
    class: 'chart-svg',
    focusable: 'false',
  });
}

/** Adds a tooltip (and an accessible name) to an SVG shape. */
function titled(element, title) {
  if (title) element.append(svg('title', {}, title));
  return element;
}

function shorten(text, length = LABEL_CHARS) {
  const value = String(text);
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

/** An empty-state paragraph, for a chart without data. */
export function emptyChart(message) {
  const paragraph = document.createElement('p');
  paragraph.className = 'empty';
  paragraph.textContent = message;
  return paragraph;
}

/** A legend: swatches with their labels. `items`: [{ label, className }]. */
export function legend(items) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const item of items) {
    const entry = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${item.className}`;
    entry.append(swatch, document.createTextNode(item.label));
    list.append(entry);
  }
  return list;
}

/**
 * Vertical bars (a histogram, or one value per week).
 * `columns`: [{ label, value, valueText, title, className }]
 */
export function columnChart({ label, columns, height = 220, max }) {
  const top = 22;
  const bottom = 30;
  const side = 8;
  const chart = root(height, label);
  const plotHeight = height - top - bottom;
  const step = (WIDTH - 2 * side) / Math.max(columns.length, 1);
  const scale = max ?? Math.max(1, ...columns.map((column) => column.value));
  chart.append(
    svg('line', {
      x1: side,
      x2: WIDTH - side,
      y1: top + plotHeight,
      y2: top + plotHeight,
      class: 'axis',
    }),
  );
  columns.forEach((column, index) => {
    const barHeight = scale > 0 ? (column.value / scale) * plotHeight : 0;
    const x = side + index * step + step * 0.14;
    const y = top + plotHeight - barHeight;
    const width = step * 0.72;
    const group = svg('g', { class: 'column' });
    group.append(
      titled(
        svg('rect', {
          x: x.toFixed(1),
          y: y.toFixed(1),
          width: width.toFixed(1),
          height: Math.max(barHeight, column.value > 0 ? 1 : 0).toFixed(1),
          rx: 2,
          class: `bar ${column.className ?? ''}`.trim(),
          'data-value': column.value,
        }),
        column.title,
      ),
      svg(
        'text',
        {
          x: (x + width / 2).toFixed(1),
          y: (y - 5).toFixed(1),
          class: 'value',
          'text-anchor': 'middle',
        },
        column.valueText ?? String(column.value),
      ),
      svg(
        'text',
        {
          x: (x + width / 2).toFixed(1),
          y: height - 10,
          class: 'tick',
          'text-anchor': 'middle',
        },
        shorten(column.label, 12),
      ),
    );
    chart.append(group);
  });
  return chart;
}

/**
 * Lines over weeks: `series`: [{ name, className, values: number[] }], one value per
 * `labels` entry (null: no point). `format` writes the y values.
 */
export function lineChart({ label, labels, series, format, height = 220 }) {
  const top = 14;
  const bottom = 30;
  const left = 64;
  const right = 14;
  const chart = root(height, label);
  const plotHeight = height - top - bottom;
  const plotWidth = WIDTH - left - right;
  const values = series.flatMap((line) => line.values.filter((value) => value !== null));
  const max = Math.max(1, ...values);
  const x = (index) =>
    left + (labels.length > 1 ? (index / (labels.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value) => top + plotHeight - (value / max) * plotHeight;

  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    chart.append(
      svg('line', { x1: left, x2: WIDTH - right, y1: y(value), y2: y(value), class: 'grid' }),
      svg(
        'text',
        { x: left - 8, y: y(value) + 4, class: 'tick', 'text-anchor': 'end' },
        format(value),
      ),
    );
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((text, index) => {
    if (index % every !== 0 && index !== labels.length - 1) return;
    chart.append(
      svg('text', { x: x(index), y: height - 10, class: 'tick', 'text-anchor': 'middle' }, text),
    );
  });
  for (const line of series) {
    const points = line.values
      .map((value, index) => (value === null ? null : [x(index), y(value), value, index]))
      .filter(Boolean);
    const group = svg('g', { class: `series ${line.className}` });
    if (points.length > 1) {
      group.append(
        svg('polyline', {
          points: points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '),
          class: 'line',
          fill: 'none',
        }),
      );
    }
    for (const [px, py, value, index] of points) {
      group.append(
        titled(
          svg('circle', { cx: px.toFixed(1), cy: py.toFixed(1), r: 3.5, class: 'dot' }),
          `${line.name} · ${labels[index]}: ${format(value)}`,
        ),
      );
    }
    chart.append(group);
  }
  return chart;
}

/**
 * Horizontal bars in groups: `groups`: [{ label, title, rows: [{ value, valueText, title,
 * className }] }]. A group with one row is a plain bar list (a funnel); with several, the
 * rows sit under the group's label (a tour step's viewed / completed / dismissed).
 */
export function barList({ label, groups, max }) {
  const labelWidth = 190;
  const valueWidth = 120;
  const barArea = WIDTH - labelWidth - valueWidth;
  const single = groups.every((group) => group.rows.length === 1);
  const rowHeight = single ? 28 : 15;
  const groupGap = single ? 0 : 12;
  const scale =
    max ?? Math.max(1, ...groups.flatMap((group) => group.rows.map((row) => row.value)));
  const height =
    groups.reduce((sum, group) => sum + group.rows.length * rowHeight + groupGap, 0) + 6;
  const chart = root(height, label);
  let y = 4;
  for (const group of groups) {
    const element = svg('g', { class: 'bar-group' });
    const groupHeight = group.rows.length * rowHeight;
    element.append(
      titled(
        svg(
          'text',
          {
            x: labelWidth - 10,
            y: (y + groupHeight / 2 + 4).toFixed(1),
            class: 'label',
            'text-anchor': 'end',
          },
          shorten(group.label),
        ),
        group.title ?? group.label,
      ),
    );
    group.rows.forEach((row, index) => {
      const top = y + index * rowHeight + (single ? 4 : 1.5);
      const thickness = rowHeight - (single ? 8 : 3);
      const width = scale > 0 ? (row.value / scale) * barArea : 0;
      element.append(
        svg('rect', {
          x: labelWidth,
          y: top.toFixed(1),
          width: barArea,
          height: thickness,
          rx: 2,
          class: 'track',
        }),
        titled(
          svg('rect', {
            x: labelWidth,
            y: top.toFixed(1),
            width: Math.max(width, row.value > 0 ? 1.5 : 0).toFixed(1),
            height: thickness,
            rx: 2,
            class: `bar ${row.className ?? ''}`.trim(),
            'data-value': row.value,
          }),
          row.title,
        ),
        svg(
          'text',
          { x: labelWidth + barArea + 8, y: (top + thickness / 2 + 4).toFixed(1), class: 'value' },
          row.valueText ?? String(row.value),
        ),
      );
    });
    chart.append(element);
    y += groupHeight + groupGap;
  }
  return chart;
}

/**
 * Stacked horizontal bars, each row summing to 100 %: `rows`: [{ label, total, segments:
 * [{ value, className, title }] }].
 */
export function stackedBars({ label, rows }) {
  const labelWidth = 150;
  const valueWidth = 60;
  const barArea = WIDTH - labelWidth - valueWidth;
  const rowHeight = 26;
  const chart = root(rows.length * rowHeight + 6, label);
  rows.forEach((row, index) => {
    const top = 4 + index * rowHeight;
    const group = svg('g', { class: 'stack' });
    group.append(
      svg(
        'text',
        { x: labelWidth - 10, y: top + 15, class: 'label', 'text-anchor': 'end' },
        shorten(row.label),
      ),
    );
    let x = labelWidth;
    for (const segment of row.segments) {
      const width = row.total > 0 ? (segment.value / row.total) * barArea : 0;
      if (width <= 0) continue;
      group.append(
        titled(
          svg('rect', {
            x: x.toFixed(1),
            y: top + 3,
            width: width.toFixed(1),
            height: rowHeight - 8,
            class: `bar ${segment.className}`,
            'data-value': segment.value,
          }),
          segment.title,
        ),
      );
      if (width > 22) {
        group.append(
          svg(
            'text',
            {
              x: (x + width / 2).toFixed(1),
              y: top + 17,
              class: 'inside',
              'text-anchor': 'middle',
            },
            String(segment.value),
          ),
        );
      }
      x += width;
    }
    group.append(
      svg('text', { x: labelWidth + barArea + 8, y: top + 17, class: 'value' }, String(row.total)),
    );
    chart.append(group);
  });
  return chart;
}
