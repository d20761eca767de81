// The SignalR connection to /hubs/notifications. A browser cannot set headers on a WebSocket, so the key goes
// as `access_token` in the socket's query (accepted on the hub path only); HTTP requests of the connection
// (negotiate, long polling) send it as X-Api-Key. A failed start is retried, a dropped socket reconnects with
// back-off; meanwhile the page falls back to polling (see current-task.js).
import { paths } from './api.js';

const restartDelayMs = 10_000;
const maxReconnectDelayMs = 30_000;

/**
 * handlers: onState(state) with state connecting | connected | reconnecting | offline | unavailable;
 * onConnected() after every (re)connection (groups are per connection: subscriptions must be renewed);
 * onDisconnected(); and one handler per hub event: syncProgress, syncStatus, notification, alert.
 */
export function createRealtime(session, handlers) {
  const signalR = window.signalR;
  if (!signalR) {
    // The client script did not load: everything live falls back to polling.
    return {
      start() {
        handlers.onState('unavailable');
        handlers.onDisconnected();
      },
      stop() {},
      get connected() { return false; },
      subscribe: async () => false,
      unsubscribe: async () => {},
    };
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl(paths.hub, { accessTokenFactory: () => session.key, headers: { 'X-Api-Key': session.key } })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (context) => Math.min(maxReconnectDelayMs, 1000 * 2 ** Math.min(context.previousRetryCount, 5)),
    })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  let stopped = false;
  let restartTimer = null;

  for (const event of ['syncProgress', 'syncStatus', 'notification', 'alert']) {
    connection.on(event, (payload) => handlers[event]?.(payload));
  }
  connection.onreconnecting(() => {
    handlers.onState('reconnecting');
    handlers.onDisconnected();
  });
  connection.onreconnected(() => {
    handlers.onState('connected');
    handlers.onConnected();
  });
  connection.onclose(() => {
    handlers.onState('offline');
    handlers.onDisconnected();
    scheduleStart();
  });

  function scheduleStart() {
    if (stopped || restartTimer) return;
    restartTimer = window.setTimeout(() => {
      restartTimer = null;
      start();
    }, restartDelayMs);
  }

  async function start() {
    if (stopped || connection.state !== signalR.HubConnectionState.Disconnected) return;
    handlers.onState('connecting');
    try {
      await connection.start();
      handlers.onState('connected');
      handlers.onConnected();
    } catch {
      handlers.onState('offline');
      handlers.onDisconnected();
      scheduleStart();
    }
  }

  return {
    start,
    stop() {
      stopped = true;
      window.clearTimeout(restartTimer);
      connection.stop();
    },
    get connected() { return connection.state === signalR.HubConnectionState.Connected; },
    /** Joins the task's group; false when not connected (the caller polls instead). */
    async subscribe(taskId) {
      if (connection.state !== signalR.HubConnectionState.Connected) return false;
      try {
        await connection.invoke('SubscribeTask', taskId);
        return true;
      } catch {
        return false;
      }
    },
    async unsubscribe(taskId) {
      if (connection.state !== signalR.HubConnectionState.Connected) return;
      try {
        await connection.invoke('UnsubscribeTask', taskId);
      } catch {
        // the group ends with the connection anyway
      }
    },
  };
}
