// Latest stock-basics status, paged run history, and the sources with their health.
import { paths, unwrap } from './api.js';
import { busy, byId, fill, h, showMessage, table } from './dom.js';
import * as fmt from './format.js';

const historyPageSize = 8;

function sourcesUsed(run) {
  return (run.data_sources_used ?? []).join(', ') || '—';
}

function counts(run) {
  return `${fmt.number(run.total)} / ${fmt.number(run.inserted)} / ${fmt.number(run.updated)} / ${fmt.number(run.errors)}`;
}

export function createStatusPanel({ api }) {
  const body = byId('status-body');

  async function load() {
    try {
      const run = unwrap(await api.get(paths.status));
      const facts = [
        ['状态', fmt.statusTag(run.status)],
        ['数据来源', run.synthetic ? [sourcesUsed(run), ' ', fmt.syntheticTag()] : sourcesUsed(run)],
        ['开始时间', fmt.time(run.started_at)],
        ['结束时间', fmt.time(run.finished_at)],
        ['耗时', fmt.between(run.started_at, run.finished_at)],
        ['总数 / 新增 / 更新 / 错误', counts(run)],
        ['最新交易日', fmt.tradeDate(run.last_trade_date)],
        ['任务', run.task_id ? h('code', null, run.task_id) : '—'],
        ['说明', run.message || '—'],
      ];
      fill(body,
        run.synthetic ? h('p', { class: 'synthetic-banner' }, '⚠ 这是演示数据（synthetic）：来自内置 demo 数据源，并非真实行情。配置真实数据源后将不再使用。') : null,
        h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])));
    } catch (error) {
      fill(body, h('p', { class: 'error' }, error.message));
    }
  }

  byId('status-refresh').addEventListener('click', load);
  return { load };
}

export function createHistoryPanel({ api }) {
  const el = { body: byId('history-body'), prev: byId('history-prev'), next: byId('history-next'), page: byId('history-page') };
  let page = 1;
  let pages = 1;

  async function load() {
    try {
      const result = unwrap(await api.get(paths.history, { page, page_size: historyPageSize }));
      pages = Math.max(1, Math.ceil(result.total / result.page_size));
      el.page.textContent = `第 ${result.page} / ${pages} 页，共 ${fmt.number(result.total)} 条`;
      el.prev.disabled = page <= 1;
      el.next.disabled = page >= pages;
      if (result.items.length === 0) {
        fill(el.body, h('p', { class: 'muted' }, '还没有同步记录。'));
        return;
      }
      fill(el.body, table(
        ['开始时间', '类型', '状态', '总数 / 新增 / 更新 / 错误', '数据来源', '耗时', '发起人', '说明'],
        result.items.map((run) => [
          fmt.shortTime(run.started_at),
          fmt.taskTypeText(run.task_type),
          fmt.statusTag(run.status),
          counts(run),
          run.synthetic ? [sourcesUsed(run), ' ', fmt.syntheticTag()] : sourcesUsed(run),
          fmt.between(run.started_at, run.finished_at),
          run.triggered_by ?? '—',
          run.message ?? '',
        ]), 'grid', [4, 7]));
    } catch (error) {
      fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  el.prev.addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
  el.next.addEventListener('click', () => { page = Math.min(pages, page + 1); load(); });
  return { load };
}

/** A source nobody configured is not an outage: grey 未配置, apart from a configured source that fails (red). */
function availability(source) {
  if (!source.enabled) return fmt.tag('未配置', 'unconfigured');
  return fmt.tag(source.available ? '可用' : '不可用', source.available ? 'success' : 'failed');
}

/** "2/2 个已配置数据源可用": counts configured sources only. */
function availableCount(sources) {
  const configured = sources.filter((s) => s.enabled);
  return `${configured.filter((s) => s.available).length}/${configured.length} 个已配置数据源可用`;
}

export function createSourcesPanel({ api }) {
  const el = { body: byId('sources-body'), test: byId('test-sources'), message: byId('sources-message') };

  function render(sources) {
    fill(el.body, table(
      ['数据源', '优先级', '启用', '可用', '延迟', '最近检查', '最近错误'],
      sources.map((s) => ({
        class: s.enabled ? undefined : 'dim',
        cells: [
          s.synthetic ? [h('strong', null, s.name), ' ', fmt.syntheticTag(true)] : h('strong', null, s.name),
          s.priority ?? '—',
          s.enabled ? '是' : '否',
          availability(s),
          s.enabled && s.latency_ms ? `${Math.round(s.latency_ms)} ms` : '—',
          s.enabled ? fmt.shortTime(s.last_checked) : '—',
          s.enabled ? (s.last_error ?? '') : '',
        ],
      })), 'grid', [6]));
  }

  async function load() {
    try {
      render(unwrap(await api.get(paths.sources)));
    } catch (error) {
      fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  el.test.addEventListener('click', () => busy(el.test, async () => {
    showMessage(el.message, 'info', '正在测试所有数据源…');
    try {
      const body = await api.post(paths.testSources);
      render(unwrap(body));
      showMessage(el.message, 'success', availableCount(unwrap(body)));
    } catch (error) {
      showMessage(el.message, 'error', error.message);
    }
  }));

  return {
    load,
    show(canOperate) { el.test.hidden = !canOperate; },
  };
}
