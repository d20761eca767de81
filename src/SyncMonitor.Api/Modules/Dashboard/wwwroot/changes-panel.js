// What a stock-basics run changed (listed, missing, renamed, reclassified, shifted), opened from a history row; a held
// run can be approved or discarded here by an operator.
import { paths, unwrap } from './api.js';
import { busy, byId, fill, h, showMessage, table } from './dom.js';
import * as fmt from './format.js';

const kinds = [['', '全部'], ['listed', '新上市'], ['missing', '疑似退市'], ['renamed', '更名'], ['reclassified', '行业/板块'], ['shifted', '数值异动']];
const kindText = Object.fromEntries(kinds);
const pageSize = 20;

/** The run's change summary in one line, as the notification says it: 新上市 3，疑似退市 1，更名 5（新增 *ST 2）. */
export function changeSummaryText(c) {
  if (!c) return '';
  const parts = [];
  if (c.listed > 0) parts.push(`新上市 ${c.listed}`);
  if (c.missing > 0) parts.push(`疑似退市 ${c.missing}`);
  if (c.renamed > 0) {
    const marks = [];
    if (c.st_added > 0) marks.push(`新增 ST ${c.st_added}`);
    if (c.star_st_added > 0) marks.push(`新增 *ST ${c.star_st_added}`);
    if (c.st_removed > 0) marks.push(`摘帽 ${c.st_removed}`);
    parts.push(`更名 ${c.renamed}${marks.length ? `（${marks.join('，')}）` : ''}`);
  }
  if (c.reclassified > 0) parts.push(`行业/板块变更 ${c.reclassified}`);
  if (c.shifted > 0) parts.push(`数值异动 ${c.shifted}`);
  return parts.length ? parts.join('，') : '无变化';
}

export function createChangesPanel({ api, session, onResolved }) {
  const el = {
    panel: byId('changes-panel'), title: byId('changes-task'), body: byId('changes-body'), kinds: byId('changes-kinds'),
    message: byId('changes-message'), page: byId('changes-page'), prev: byId('changes-prev'), next: byId('changes-next'),
    close: byId('changes-close'),
  };
  let taskId = null;
  let kind = '';
  let page = 1;
  let pages = 1;

  function fieldRows(item) {
    return item.fields.map((f) => [
      h('code', null, item.code), item.name, item.kinds.map((k) => kindText[k] ?? k).join('、'), f.field,
      f.before ?? '—', f.after ?? '—', f.mark ? fmt.tag(f.mark, f.mark.startsWith('+') || f.mark.includes('→*') ? 'failed' : 'success') : '',
    ]);
  }

  function actions(data) {
    if (data.state !== 'held' || !session.canOperate) return null;
    const resolve = (action, text) => h('button', { type: 'button', on: { click: (event) => busy(event.target, async () => {
      try {
        const answer = await api.post(action === 'approve' ? paths.approve(taskId) : paths.discard(taskId));
        showMessage(el.message, 'success', text, action === 'approve' ? ` 批准任务：${unwrap(answer).task_id}` : '');
        onResolved?.();
        await load();
      } catch (error) {
        showMessage(el.message, 'error', error.message);
      }
    }) } }, text);
    return h('p', null, resolve('approve', '批准并写入'), ' ', resolve('discard', '丢弃暂存数据'));
  }

  async function load() {
    try {
      const data = unwrap(await api.get(paths.changes(taskId), { kind, page, page_size: pageSize }));
      pages = Math.max(1, Math.ceil(data.total / data.page_size));
      el.page.textContent = `第 ${data.page} / ${pages} 页，共 ${fmt.number(data.total)} 条`;
      el.prev.disabled = page <= 1;
      el.next.disabled = page >= pages;
      const held = data.summary.held_reason ? h('p', { class: 'error' }, `已拦截（${data.summary.held_by}）：${data.summary.held_reason}`) : null;
      fill(el.body,
        h('p', null, fmt.tag(fmt.statusText(data.state), data.state === 'held' ? 'failed' : 'success'), ' ', changeSummaryText(data.summary)),
        held, actions(data),
        data.items.length === 0 ? h('p', { class: 'muted' }, '没有此类变更。')
          : table(['代码', '名称', '类型', '字段', '变更前', '变更后', '风险标记'], data.items.flatMap(fieldRows), 'grid', [4, 5]));
    } catch (error) {
      fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  function open(id) {
    taskId = id;
    kind = '';
    page = 1;
    el.title.textContent = id;
    showMessage(el.message, 'info');
    renderKinds();
    el.panel.hidden = false;
    el.panel.scrollIntoView?.({ block: 'nearest' });
    return load();
  }

  function renderKinds() {
    fill(el.kinds, kinds.map(([value, text]) => h('button', {
      type: 'button', class: value === kind ? 'active' : undefined,
      on: { click: () => { kind = value; page = 1; renderKinds(); load(); } },
    }, text)));
  }

  el.prev.addEventListener('click', () => { page = Math.max(1, page - 1); load(); });
  el.next.addEventListener('click', () => { page = Math.min(pages, page + 1); load(); });
  el.close.addEventListener('click', () => { el.panel.hidden = true; taskId = null; });
  return { open };
}
