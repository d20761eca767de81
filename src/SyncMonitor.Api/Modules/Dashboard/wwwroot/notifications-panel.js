// The caller's notifications with the unread badge; the hub's `notification` event brings new ones and the
// unread count without a reload.
import { paths } from './api.js';
import { busy, byId, fill, h, showMessage } from './dom.js';
import * as fmt from './format.js';

const listSize = 20;
/** While the socket is down the unread count is polled instead of pushed. */
export const offlineRefreshMs = 15_000;

export function createNotificationsPanel({ api }) {
  const el = {
    body: byId('notifications-body'), readAll: byId('read-all'), message: byId('notifications-message'),
    badges: [byId('unread-badge'), byId('unread-inline')], jump: byId('notifications-jump'),
  };
  let items = [];
  let offlineTimer = null;

  function setUnread(count) {
    const value = Math.max(0, Number(count) || 0);
    for (const badge of el.badges) {
      badge.textContent = value > 99 ? '99+' : String(value);
      badge.dataset.count = String(value);
    }
    el.jump.hidden = false;
    el.readAll.disabled = value === 0;
  }

  async function refreshCount() {
    try {
      setUnread((await api.get(paths.unreadCount)).count);
    } catch (error) {
      showMessage(el.message, 'error', error.message);
    }
  }

  function item(notification) {
    const unread = notification.status === 'unread';
    const button = unread ? h('button', { type: 'button', class: 'small' }, '标为已读') : null;
    button?.addEventListener('click', () => busy(button, async () => {
      try {
        replace(await api.post(paths.markRead(notification.id)));
        await refreshCount();
      } catch (error) {
        showMessage(el.message, 'error', error.message);
      }
    }));
    return h('li', { class: 'notification', dataset: { status: notification.status, severity: notification.severity, id: notification.id } },
      h('div', { class: 'notification-head' },
        fmt.tag(fmt.severityText(notification.severity), notification.severity),
        h('strong', null, notification.title),
        button),
      h('p', null, notification.content),
      h('p', { class: 'muted small' }, `${fmt.time(notification.created_at)} · ${notification.type} · ${notification.source}`));
  }

  function render() {
    fill(el.body, items.length === 0
      ? h('p', { class: 'muted' }, '没有通知。')
      : h('ul', { class: 'list' }, items.map(item)));
  }

  function replace(notification) {
    items = items.map((n) => (n.id === notification.id ? notification : n));
    render();
  }

  async function load() {
    try {
      const [page] = await Promise.all([api.get(paths.notifications, { page: 1, page_size: listSize }), refreshCount()]);
      items = page.items;
      render();
    } catch (error) {
      fill(el.body, h('p', { class: 'error' }, error.message));
    }
  }

  el.readAll.addEventListener('click', () => busy(el.readAll, async () => {
    try {
      const result = await api.post(paths.readAll);
      showMessage(el.message, 'success', `已将 ${fmt.number(result.changed)} 条通知标为已读`);
      await load();
    } catch (error) {
      showMessage(el.message, 'error', error.message);
    }
  }));

  return {
    load,
    /** Live: the hub pushes; not live: poll the count, and catch up once the socket is back. */
    setLive(live) {
      if (live && offlineTimer) {
        window.clearInterval(offlineTimer);
        offlineTimer = null;
        load();
      } else if (!live && !offlineTimer) {
        offlineTimer = window.setInterval(refreshCount, offlineRefreshMs);
      }
    },
    /** The hub's `notification` event: {notification, unread_count}. */
    receive(pushed) {
      if (!pushed?.notification) return;
      items = [pushed.notification, ...items.filter((n) => n.id !== pushed.notification.id)].slice(0, listSize);
      render();
      setUnread(pushed.unread_count);
    },
  };
}
