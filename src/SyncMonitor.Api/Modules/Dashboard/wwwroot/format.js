// Display formats and Chinese labels. Times are shown in Asia/Shanghai, the market's time zone, whatever the
// browser's zone.
import { h } from './dom.js';

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

const shortTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

function formatWith(format, value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
}

export const time = (value) => formatWith(timeFormat, value);

/** Without the year, for table cells. */
export const shortTime = (value) => formatWith(shortTimeFormat, value);

export function number(value) {
  return value === undefined || value === null ? '—' : Number(value).toLocaleString('zh-CN');
}

export function seconds(value) {
  if (value === undefined || value === null) return '—';
  const total = Math.max(0, Math.round(Number(value)));
  if (total < 60) return `${total} 秒`;
  const minutes = Math.floor(total / 60);
  return minutes < 60 ? `${minutes} 分 ${total % 60} 秒` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
}

/** Duration between two ISO times, or '—'. */
export function between(start, end) {
  if (!start || !end) return '—';
  return seconds((new Date(end) - new Date(start)) / 1000);
}

/** YYYYMMDD → YYYY-MM-DD. */
export function tradeDate(value) {
  return /^\d{8}$/.test(value ?? '') ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : (value || '—');
}

export function percent(value) {
  const n = Math.max(0, Math.min(100, Number(value) || 0));
  return `${n.toFixed(n >= 100 || Number.isInteger(n) ? 0 : 1)} %`;
}

const runStatus = {
  idle: '空闲', running: '运行中', success: '成功', success_with_errors: '部分成功', failed: '失败',
  cancelled: '已取消', held: '已拦截待批准', approving: '批准中', approved: '已批准', applied: '已写入', discarded: '已丢弃',
  never_run: '尚未同步', completed: '已完成', pending: '等待中',
};
const taskTypes = {
  stock_basics: '股票基础信息', web_batch: '日线批量（网页）', scheduler_daily: '每日调度',
  scheduler_missing: '缺失日期补同步', compensation: '补偿',
};
const steps = {
  fetch_list: '获取股票列表', normalize: '数据规范化', upsert: '写入数据库', finalize: '收尾',
  trade_calendar: '交易日历', daily_basic: '日线指标',
};
const alertLevels = { low: '低', medium: '中', high: '高', critical: '严重' };
const alertStatuses = { firing: '触发中', acknowledged: '已确认', resolved: '已解决' };
const roles = { viewer: '查看者', operator: '操作员', admin: '管理员' };
const severities = { info: '信息', success: '成功', warning: '警告', error: '错误', critical: '严重' };

const label = (map, value) => map[value] ?? (value || '—');

export const statusText = (value) => label(runStatus, value);
export const taskTypeText = (value) => label(taskTypes, value);
export const alertLevelText = (value) => label(alertLevels, value);
export const alertStatusText = (value) => label(alertStatuses, value);
export const roleText = (value) => label(roles, value);
export const severityText = (value) => label(severities, value);

/** A step name, also inside a composite run (`stock_basics.fetch_list`). */
export function stepText(name) {
  const short = String(name ?? '').split('.').pop();
  return steps[short] ? `${steps[short]} (${name})` : String(name ?? '—');
}

/** A coloured tag; `kind` selects the colour via the data-status attribute. */
export function tag(text, kind) {
  return h('span', { class: 'tag', dataset: { status: kind ?? '' } }, text);
}

export function statusTag(status) {
  return tag(statusText(status), status);
}

/** The unmistakable label on anything that came from the generated demo sources. */
export function syntheticTag(compact = false) {
  return h('span', { class: 'tag synthetic', title: '数据来自内置演示数据源（demo），不是真实行情数据' },
    compact ? '演示' : '演示数据 synthetic');
}
