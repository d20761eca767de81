// Alerts, newest first; operators acknowledge and resolve. The hub's `alert` event updates the list live.
import { alertDeliveries } from './alert-deliveries.js';
import { paths } from './api.js';
import { busy, byId, fill, h, showMessage } from './dom.js';
import * as fmt from './format.js';

const listLimit = 30;

export function createAlertsPanel({ api, session }) {
  const el = { body: byId('alerts-body'), status: byId('alerts-status'), message: byId('alerts-message') };
  let alerts = [];

  function actionButton(alert, action, text) {
    const button = h('button', { type: 'button', class: 'small', dataset: { action } }, text);
    button.addEventListener('click', () => busy(button, async () => {
      try {
        upsert(await api.post(paths.alertAction(alert.id, action)));
        showMessage(el.message, 'success', `${text}：${alert.title}`);
      } catch (error) {
        showMessage(el.message, 'error', error.message);
      }
    }));
    return button;
  }

  function item(alert) {
    const open = alert.status !== 'resolved';
    const labels = Object.entries(alert.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    return h('li', { class: 'alert-item', dataset: { level: alert.level, status: alert.status, id: alert.id } },
      h('div', { class: 'alert-head' },
        fmt.tag(fmt.alertLevelText(alert.level), alert.level),
        h('strong', null, alert.title),
        fmt.tag(fmt.alertStatusText(alert.status), alert.status)),
      h('p', null, alert.message),
      h('p', { class: 'muted small' },
        `规则 ${alert.rule} · 次数 ${fmt.number(alert.count)} · 最近 ${fmt.time(alert.last_seen)}`, labels ? ` · ${labels}` : ''),
      alertDeliveries(api, alert),
      session.canOperate && open
        ? h('div', { class: 'row-actions' },
          alert.status === 'firing' ? actionButton(alert, 'ack', '确认') : null,
          actionButton(alert, 'resolve', '解决'))
        : null);
  }

  function render() {
    const wanted = el.status.value;
    const shown = alerts.filter((a) => !wanted || a.status === wanted);
    fill(el.body, shown.length === 0
      ? h('p', { class: 'muted' }, '没有告警。')
      : h('ul', { class: 'list' }, shown.map(item)));
  }

  function upsert(alert) {
    alerts = [alert, ...alerts.filter((a) => a.id !== alert.id)]
      .sort((a, b) => Date.parse(b.last_seen) - Date.parse(a.last_seen))
      .slice(0, listLimit);
    render();
  }

  async function load() {
    try {
      const result = await api.get(paths.alerts, { limit: listLimit, status: el.status.value });
      alerts = result.items;
      render();
    } catch (error) {
      fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  el.status.addEventListener('change', load);
  return { load, upsert };
}
