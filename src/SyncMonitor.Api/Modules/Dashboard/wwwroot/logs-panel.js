// Recent operation logs with filters, and the CSV export. The export needs the key header, so it is fetched
// as a blob and handed to the browser as a download. A server without the operation-log endpoints (404) gets
// a friendly "not available" panel instead of an error. The export is for operators (the API says so too), so
// viewers do not see the button.
import { ApiError, paths, unwrap } from './api.js';
import { busy, byId, fill, h, showMessage, table } from './dom.js';
import * as fmt from './format.js';

const pageSize = 15;

export function createLogsPanel({ api, session }) {
  const el = {
    panel: byId('logs-panel'), body: byId('logs-body'), form: byId('logs-filters'), message: byId('logs-message'),
    actionType: byId('logs-action-type'), success: byId('logs-success'), keyword: byId('logs-keyword'),
    exportButton: byId('logs-export'), prev: byId('logs-prev'), next: byId('logs-next'), page: byId('logs-page'),
  };
  el.exportButton.hidden = !session.canOperate;
  let page = 1;
  let pages = 1;

  const filters = () => ({ action_type: el.actionType.value, success: el.success.value, keyword: el.keyword.value });

  function setAvailable(available) {
    el.panel.dataset.available = String(available);
    for (const control of [el.form, el.prev.parentElement]) control.hidden = !available;
  }

  function unavailable() {
    setAvailable(false);
    fill(el.body, h('div', { class: 'unavailable', id: 'logs-unavailable' },
      h('strong', null, '操作日志暂不可用'),
      h('p', null, '服务器尚未提供操作日志接口（/api/system/logs）。其他面板不受影响；升级服务后刷新页面即可使用。')));
  }

  function render(result) {
    pages = Math.max(1, Math.ceil(result.total / result.page_size));
    el.page.textContent = `第 ${result.page} / ${pages} 页，共 ${fmt.number(result.total)} 条`;
    el.prev.disabled = page <= 1;
    el.next.disabled = page >= pages;
    if (result.items.length === 0) {
      fill(el.body, h('p', { class: 'muted' }, '没有符合条件的操作日志。'));
      return;
    }
    fill(el.body, table(
      ['时间', '用户', '类型', '操作', '结果', '耗时', 'IP', '错误信息'],
      result.items.map((log) => ({
        class: log.success ? undefined : 'failed-row',
        cells: [
          fmt.shortTime(log.timestamp),
          log.username || log.user_id || '—',
          log.action_type,
          log.action,
          fmt.tag(log.success ? '成功' : '失败', log.success ? 'success' : 'failed'),
          log.duration_ms === null || log.duration_ms === undefined ? '—' : `${fmt.number(log.duration_ms)} ms`,
          log.ip_address ?? '—',
          log.error_message ?? '',
        ],
      })), 'grid', [3, 7]));
  }

  async function load() {
    try {
      render(unwrap(await api.get(paths.logs, { page, page_size: pageSize, ...filters() })));
      setAvailable(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) unavailable();
      else fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  async function exportCsv() {
    showMessage(el.message, 'info', '正在导出…');
    try {
      const { blob, fileName } = await api.download(paths.logsCsv, filters(), 'operation-logs.csv');
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: fileName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      showMessage(el.message, 'success', `已导出 ${fileName}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) unavailable();
      showMessage(el.message, 'error', `导出失败：${error.message}`);
    }
  }

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    load();
  });
  el.exportButton.addEventListener('click', () => busy(el.exportButton, exportCsv));
  el.prev.addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
  el.next.addEventListener('click', () => { page = Math.min(pages, page + 1); load(); });
  return { load };
}
