// The dashboard: asks for the API key, then shows the panels and keeps them live over SignalR.
import { createAlertsPanel } from './alerts-panel.js';
import { createApi, paths } from './api.js';
import { createCurrentTask } from './current-task.js';
import { byId } from './dom.js';
import { roleText } from './format.js';
import { createLogsPanel } from './logs-panel.js';
import { createNotificationsPanel } from './notifications-panel.js';
import { createRealtime } from './realtime.js';
import { createSession } from './session.js';
import { createHistoryPanel, createSourcesPanel, createStatusPanel } from './status-panels.js';
import { createSyncActions } from './sync-actions.js';

const liveStates = {
  connecting: '实时连接：连接中…', connected: '实时连接：已连接', reconnecting: '实时连接：重连中…',
  offline: '实时连接：已断开（轮询）', unavailable: '实时连接：不可用（轮询）',
};

const session = createSession();
const api = createApi(session);

function showLogin(message) {
  byId('board').hidden = true;
  byId('login').hidden = false;
  byId('key-error').textContent = message ?? '';
  byId('key-input').focus();
}

byId('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId('key-input').value.trim();
  if (!key) return;
  session.save(key);
  // A fresh start with the new key: no listener, subscription or timer of the old one survives.
  window.location.reload();
});

byId('change-key').addEventListener('click', () => {
  session.forget();
  window.location.reload();
});

async function enter() {
  try {
    session.user = await api.get(paths.me);
  } catch (error) {
    showLogin(error.status === 401 ? 'API Key 无效，请重新输入。' : error.message);
    return;
  }
  const user = session.user;
  byId('who').textContent = `${user.name}（${user.id}）· ${roleText(user.role)}`;
  byId('change-key').hidden = false;
  byId('login').hidden = true;
  byId('board').hidden = false;
  startBoard();
}

function startBoard() {
  const panels = {
    status: createStatusPanel({ api }),
    history: createHistoryPanel({ api }),
    sources: createSourcesPanel({ api }),
    alerts: createAlertsPanel({ api, session }),
    notifications: createNotificationsPanel({ api }),
    logs: createLogsPanel({ api, session }),
  };
  let actions = null;
  let connectedBefore = false;
  // A run that starts or ends also leaves an operation-log entry (written by the server a moment later).
  const refreshRuns = () => {
    panels.status.load();
    panels.history.load();
    panels.logs.load();
  };

  const realtime = createRealtime(session, {
    onState(state) {
      const pill = byId('live-state');
      pill.dataset.state = state;
      pill.textContent = liveStates[state] ?? state;
    },
    onConnected() {
      task.onConnected();
      panels.notifications.setLive(true);
      // Events missed while the socket was down: read alerts and runs again (notifications catch up in setLive).
      if (connectedBefore) {
        panels.alerts.load();
        refreshRuns();
      }
      connectedBefore = true;
    },
    onDisconnected() {
      task.onDisconnected();
      panels.notifications.setLive(false);
    },
    syncProgress: (snapshot) => task.apply(snapshot),
    syncStatus(run) {
      // A run started or ended somewhere (this page, another user, the scheduler): show it, and follow a new
      // one when nothing is being followed.
      refreshRuns();
      if (run.status === 'running' && !task.running) task.follow(run.task_id, run);
    },
    notification: (pushed) => panels.notifications.receive(pushed),
    alert: (alert) => panels.alerts.upsert(alert),
  });

  const task = createCurrentTask({
    api,
    realtime,
    onFollow: () => actions?.update(),
    onFinished(snapshot) {
      actions?.update();
      actions?.taskEnded(snapshot.task_id);
      refreshRuns();
    },
  });
  actions = createSyncActions({ api, task });
  actions.show(session.canOperate);
  panels.sources.show(session.canOperate);

  session.onExpired((message) => {
    realtime.stop();
    task.stop();
    showLogin(`${message}。请重新输入 API Key。`);
  });

  for (const panel of Object.values(panels)) panel.load();
  task.load().then(() => actions.update());
  realtime.start();
}

if (session.key) enter();
else showLogin();
