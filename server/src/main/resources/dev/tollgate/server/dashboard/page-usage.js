import uPlot from '/dashboard/vendor/uplot/uPlot.esm.js';
import { get, withQuery } from './api.js';
import { applicationHeader } from './application-nav.js';
import { apiError, emptyState, errorSummary, field, h, page, showErrors, table } from './ui.js';

const METRICS = [
  ['viewerMinutes', 'Viewer minutes'],
  ['publisherMinutes', 'Publisher minutes'],
  ['viewerSessions', 'Viewer sessions'],
  ['publisherSessions', 'Publisher sessions'],
  ['count', 'Authorisations (events)'],
];
// Colour and a dash pattern per series: the lines differ by more than colour, and the table says the same in text.
const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738', '#5694ca', '#912b88', '#28a197'];
const DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3], [1, 6], [6, 2, 6, 8]];

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** Usage per day split by tag: a chart of one metric, the table of all of them beneath, and the CSV. */
export async function show(id) {
  const { element } = await applicationHeader(id, '/usage');
  const summary = errorSummary();
  const today = new Date();
  const from = h('input', { type: 'date', id: 'usage-from', value: isoDay(new Date(today.getTime() - 29 * 86400000)) });
  const to = h('input', { type: 'date', id: 'usage-to', value: isoDay(today) });
  const tag = h('input', { type: 'text', id: 'usage-tag', autocomplete: 'off' });
  const metric = h('select', { id: 'usage-metric' }, METRICS.map(([value, label]) => h('option', { value }, label)));
  const chart = h('div', { id: 'usage-chart', class: 'chart' });
  const rows = h('div', { id: 'usage-table' });
  const csv = h('a', { id: 'usage-csv', class: 'button button--secondary', download: 'usage.csv', href: '#' }, 'Download CSV');
  const form = h('form', { class: 'form inline-form', novalidate: true, id: 'usage-form' }, summary,
    field('From (UTC day, inclusive)', from), field('To (UTC day, inclusive)', to),
    field('Tag filter', tag, 'Only usage carrying this tag, e.g. customer=acme. Empty: every tag.'),
    field('Chart', metric),
    h('button', { type: 'submit', class: 'button' }, 'Show usage'));
  let last = null;
  const load = async () => {
    showErrors(summary, []);
    const query = {
      applicationId: id,
      from: from.value,
      to: isoDay(new Date(new Date(to.value + 'T00:00:00Z').getTime() + 86400000)),
      tag: tag.value.trim() || undefined,
      groupBy: 'tag,day',
    };
    try {
      last = await get(withQuery('/v1/usage', query));
      draw(chart, rows, last, metric.value, query);
      csv.href = '#';
      csv.onclick = async (event) => {
        event.preventDefault();
        try {
          const text = await get(withQuery('/v1/usage', { ...query, format: 'csv' }), { accept: 'text' });
          const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
          const link = h('a', { href: url, download: `usage-${query.from}-${to.value}.csv` });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } catch (e) {
          showErrors(summary, [apiError(e)]);
        }
      };
    } catch (e) {
      showErrors(summary, [apiError(e, e.code === 'invalid-time-range' ? from : tag)]);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  metric.addEventListener('change', () => last && draw(chart, rows, last, metric.value));
  page('Usage', element, form, h('div', { class: 'chart-header' }, h('h2', { id: 'usage-chart-title' }, 'Per day'), csv),
    chart, rows);
  await load();
}

function draw(chart, rows, report, metricName, query) {
  chart.replaceChildren();
  chart.dataset.series = '0';
  chart.dataset.points = '0';
  const label = METRICS.find(([value]) => value === metricName)[1];
  if (!report.rows.length) {
    chart.append(emptyState('No usage in this period',
      query && query.tag ? 'Nothing carries the tag ' + query.tag + ' here: clear the tag filter or widen the dates. '
        : 'Usage appears once viewers and publishers use tokens of this application: mint one in the token studio, '
        + 'then play or publish through a gated media server.'));
    rows.replaceChildren();
    return;
  }
  const days = [];
  for (let day = new Date(report.from); day < new Date(report.to); day = new Date(day.getTime() + 86400000)) {
    days.push(isoDay(day));
  }
  const tags = [...new Set(report.rows.map((row) => row.tag === null ? '(no tag)' : row.tag))];
  const data = [days.map((day) => new Date(day + 'T00:00:00Z').getTime() / 1000)];
  for (const name of tags) {
    data.push(days.map((day) => {
      const row = report.rows.find((r) => r.day === day && (r.tag === null ? '(no tag)' : r.tag) === name);
      return row ? Number(row[metricName]) : 0;
    }));
  }
  const width = Math.max(320, Math.min(chart.parentElement.clientWidth || 900, 1100));
  const plot = new uPlot({
    title: label + ' per day, by tag',
    width,
    height: 320,
    scales: { x: { time: true } },
    series: [{ label: 'Day', value: (u, v) => v === null ? '' : new Date(v * 1000).toISOString().slice(0, 10) },
      ...tags.map((name, index) => ({
        label: name,
        stroke: COLOURS[index % COLOURS.length],
        dash: DASHES[index % DASHES.length],
        width: 2,
        points: { show: true, size: 7 },
      }))],
    axes: [{}, { label }],
  }, data, chart);
  // What the chart drew, for whoever checks it without reading pixels: the series and their non-zero points.
  chart.dataset.series = String(tags.length);
  chart.dataset.points = String(data.slice(1).flat().filter((value) => value > 0).length);
  plot.root.setAttribute('role', 'img');
  plot.root.setAttribute('aria-label', `${label} per day for ${tags.length} tag(s); the table below has every number.`);
  rows.replaceChildren(...[table('Usage by tag and day', ['Tag', 'Day', 'Authorisations', 'Viewer sessions', 'Viewer minutes',
    'Publisher sessions', 'Publisher minutes'], report.rows.map((row) => [
    row.tag === null ? '(no tag)' : row.tag, row.day, String(row.count), String(row.viewerSessions),
    String(row.viewerMinutes), String(row.publisherSessions), String(row.publisherMinutes)]), { id: 'usage-rows' }),
  report.truncated ? h('p', { class: 'hint' }, 'Only the first 1,000 rows: narrow the dates or the tag.') : null]
    .filter(Boolean));
}
