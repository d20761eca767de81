// The current task panel: a progress bar fed by the hub's syncProgress events, with the SPA contract's
// fallback — while the socket is down, GET the task's progress every 5 s, at most 60 times.
import { ApiError, paths, unwrap } from './api.js';
import { byId, fill, h } from './dom.js';
import * as fmt from './format.js';

export const pollIntervalMs = 5_000;
export const maxPolls = 60;

const finalStates = new Set(['completed', 'failed', 'cancelled']);

export function createCurrentTask({ api, realtime, onFinished, onFollow }) {
  const el = {
    status: byId('task-status'), summary: byId('task-summary'), bar: byId('task-progress'),
    fill: byId('task-progress-fill'), label: byId('task-progress-label'), detail: byId('task-detail'),
    steps: byId('task-steps'), note: byId('task-note'),
  };
  let taskId = null;
  let info = null; // the current_task or run record that named the task
  let last = null; // the newest progress snapshot
  let pollTimer = null;
  let pollRun = 0; // a poll of an earlier run (before a stop) ends quietly
  let polls = 0;

  const isFinal = () => last !== null && finalStates.has(last.status);

  function note(text) {
    el.note.textContent = text ?? '';
    el.note.hidden = !text;
  }

  function renderHeader() {
    const startedAt = info?.start_time ?? info?.started_at;
    const range = info?.start_date ? `，日期 ${fmt.tradeDate(info.start_date)} 至 ${fmt.tradeDate(info.end_date)}` : '';
    fill(el.summary,
      h('strong', null, fmt.taskTypeText(info?.task_type)), ' · 任务 ',
      h('code', { id: 'task-id' }, taskId), ` · 发起人 ${info?.triggered_by ?? '—'} · 开始于 ${fmt.time(startedAt)}${range}`,
      info?.synthetic ? [' ', fmt.syntheticTag()] : null);
    el.summary.classList.remove('muted');
  }

  function render(snapshot) {
    const value = Math.max(0, Math.min(100, Number(snapshot.progress) || 0));
    el.fill.style.width = `${value}%`;
    el.bar.dataset.status = snapshot.status;
    el.bar.setAttribute('aria-valuenow', String(value));
    el.label.textContent = fmt.percent(value);
    // A finished run's outcome (success, success_with_errors, …) is what its run record says; status is coarser.
    const shown = snapshot.outcome ?? snapshot.status;
    el.status.textContent = fmt.statusText(shown);
    el.status.dataset.status = shown;
    const eta = snapshot.status === 'running' ? ` · 预计剩余 ${fmt.seconds(snapshot.estimated_remaining_seconds)}` : '';
    const step = snapshot.current_step ? `当前步骤：${fmt.stepText(snapshot.current_step)} · ` : '';
    fill(el.detail, `${step}已用时 ${fmt.seconds(snapshot.elapsed_seconds)}${eta}`,
      snapshot.message ? h('span', { class: 'task-message' }, ` · ${snapshot.message}`) : null);
    fill(el.steps, (snapshot.steps ?? []).map((s) => h('li', { dataset: { status: s.status } },
      h('span', { class: 'step-name' }, fmt.stepText(s.name)),
      h('span', { class: 'step-state' }, `${fmt.statusText(s.status)} ${fmt.percent((Number(s.progress) || 0) * 100)}`))));
  }

  function renderIdle() {
    el.bar.hidden = true;
    el.status.textContent = fmt.statusText('idle');
    el.status.dataset.status = 'idle';
    el.summary.textContent = '当前没有运行中的同步任务。';
    el.summary.classList.add('muted');
  }

  /** Takes a snapshot from the hub or a poll; an older one than shown (they can cross) is ignored. */
  function apply(snapshot) {
    if (!snapshot || snapshot.task_id !== taskId) return;
    if (last && Date.parse(snapshot.updated_at) < Date.parse(last.updated_at)) return;
    const wasFinal = isFinal();
    last = snapshot;
    render(snapshot);
    if (isFinal() && !wasFinal) {
      stopPolling();
      note('');
      onFinished(snapshot);
    }
  }

  async function refresh() {
    if (!taskId) return;
    try {
      apply(await api.get(paths.progress(taskId)));
    } catch (error) {
      // 404 right after the start: the first progress is not written yet; the next event or poll brings it.
      if (!(error instanceof ApiError && error.status === 404)) note(`读取进度失败：${error.message}`);
    }
  }

  /** At most maxPolls per task, however often the socket comes and goes. Each poll is scheduled when the
   * previous one has answered, so a slow server never has two in flight. */
  function startPolling() {
    if (!taskId || isFinal() || pollTimer !== null || polls >= maxPolls) return;
    note('实时连接不可用，改为每 5 秒查询一次进度。');
    const run = pollRun;
    const next = () => {
      pollTimer = window.setTimeout(async () => {
        polls += 1;
        await refresh();
        if (run !== pollRun || isFinal()) return; // stopped meanwhile: socket back, task ended or replaced
        if (polls < maxPolls) {
          next();
          return;
        }
        pollTimer = null;
        note(`已查询 ${maxPolls} 次仍未结束，已停止自动查询；请刷新页面查看最新进度。`);
      }, pollIntervalMs);
    };
    next();
  }

  function stopPolling() {
    window.clearTimeout(pollTimer);
    pollTimer = null;
    pollRun += 1;
  }

  /** Shows a task and follows it: subscribe first, then read its progress once, so no update falls between. */
  async function follow(id, record) {
    if (id === taskId) {
      info = record ?? info;
      renderHeader();
      return;
    }
    if (taskId) realtime.unsubscribe(taskId);
    stopPolling();
    note('');
    taskId = id;
    info = record;
    last = null;
    polls = 0;
    el.bar.hidden = false;
    render({ progress: 0, status: 'running', steps: [], elapsed_seconds: 0 });
    renderHeader();
    onFollow?.(id);
    const subscribed = await realtime.subscribe(id);
    await refresh();
    if (!subscribed) startPolling();
  }

  return {
    follow,
    apply,
    get taskId() { return taskId; },
    get running() { return taskId !== null && !isFinal(); },

    async load() {
      try {
        const current = unwrap(await api.get(paths.current));
        if (current) await follow(current.task_id, current);
        else if (!taskId) renderIdle();
      } catch (error) {
        note(`读取当前任务失败：${error.message}`);
      }
    },

    async onConnected() {
      stopPolling();
      if (!taskId || isFinal()) return;
      note('');
      await realtime.subscribe(taskId);
      await refresh(); // what happened while the socket was down
    },

    onDisconnected: startPolling,

    stop() {
      stopPolling();
    },
  };
}
