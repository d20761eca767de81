// Where an alert was delivered (DingTalk, WeCom, e-mail, webhooks): a collapsed 投递记录 per alert that reads the
// alert's detail when opened, and again each time it is reopened.
import { paths } from './api.js';
import { fill, h, table } from './dom.js';
import * as fmt from './format.js';

const texts = {
  summary: '投递记录',
  loading: '加载中…',
  none: '未投递到任何通道（没有接收此告警的通道，或尚未通知）。',
  headers: ['通道', '类型', '事件', '状态', '尝试', '最近错误', '时间'],
  types: { email: '邮件', dingtalk: '钉钉', wecom: '企业微信', webhook: 'Webhook' },
  events: { firing: '触发', escalated: '升级', repeated: '再次提醒', resolved: '恢复' },
  statuses: { pending: '待发送', retrying: '重试中', delivered: '已送达', failed: '失败' },
};

const label = (map, value) => map[value] ?? value;

function row(delivery) {
  const when = delivery.delivered_at ?? delivery.next_attempt_at ?? delivery.last_attempt_at ?? delivery.created_at;
  return {
    class: `delivery-${delivery.status}`,
    cells: [
      delivery.channel,
      label(texts.types, delivery.type),
      label(texts.events, delivery.event),
      fmt.tag(label(texts.statuses, delivery.status), delivery.status),
      fmt.number(delivery.attempts),
      delivery.last_error ?? '',
      fmt.time(when),
    ],
  };
}

/** The collapsed delivery list of one alert. */
export function alertDeliveries(api, alert) {
  const body = h('div', { class: 'alert-deliveries-body' });
  const details = h('details', { class: 'alert-deliveries', dataset: { alertId: alert.id } }, h('summary', null, texts.summary), body);
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    fill(body, h('p', { class: 'muted small' }, texts.loading));
    try {
      const detail = await api.get(`${paths.alerts}/${encodeURIComponent(alert.id)}`);
      const deliveries = detail.deliveries ?? [];
      fill(body, deliveries.length === 0
        ? h('p', { class: 'muted small' }, texts.none)
        : table(texts.headers, deliveries.map(row), 'grid compact'));
    } catch (error) {
      fill(body, h('p', { class: 'error' }, error.message));
    }
  });
  return details;
}
