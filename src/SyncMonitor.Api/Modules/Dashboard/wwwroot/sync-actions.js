// Operator actions: start a stock-basics sync, a daily-basic batch for a date range, cancel the current task.
// A busy lock answers 409 with `message` and `current_task`: both are shown, and the page follows that task.
import { ApiError, paths, unwrap } from './api.js';
import { busy, byId, h, showMessage } from './dom.js';
import * as fmt from './format.js';

/** Today and 4 days before, as YYYY-MM-DD in Asia/Shanghai: a sensible default range for the batch. */
function defaultRange() {
  const day = (offset) => new Date(Date.now() - offset * 86_400_000)
    .toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  return [day(4), day(0)];
}

export function createSyncActions({ api, task }) {
  const el = {
    actions: byId('operator-actions'), start: byId('start-sync'), batch: byId('start-batch'),
    from: byId('batch-start'), to: byId('batch-end'), cancel: byId('cancel-task'), message: byId('action-message'),
  };
  [el.from.value, el.to.value] = defaultRange();
  let busyTaskId = null; // the task a shown 409 banner names; the banner goes when that task ends

  function started(body) {
    const run = unwrap(body);
    showMessage(el.message, 'success', `${body.message ?? '同步任务已启动'}：`, h('code', null, run.task_id),
      run.synthetic ? ' ' : null, run.synthetic ? fmt.syntheticTag() : null);
    task.follow(run.task_id, run);
  }

  function failed(error) {
    if (error instanceof ApiError && error.status === 409 && error.problem.current_task) {
      const current = error.problem.current_task;
      showMessage(el.message, 'warning',
        h('strong', { class: 'busy-message' }, error.problem.message ?? error.problem.detail ?? '已有同步任务正在运行'),
        h('br'),
        '当前任务：', h('code', { class: 'busy-task' }, current.task_id),
        ` · ${fmt.taskTypeText(current.task_type)} · 发起人 ${current.triggered_by ?? '—'} · 开始于 ${fmt.time(current.start_time)}`);
      busyTaskId = current.task_id;
      task.follow(current.task_id, current);
      return;
    }
    showMessage(el.message, 'error', error.message);
  }

  async function run(button, call) {
    busyTaskId = null;
    showMessage(el.message, 'info', '');
    await busy(button, async () => {
      try {
        started(await call());
      } catch (error) {
        failed(error);
      }
    });
  }

  el.start.addEventListener('click', () => run(el.start, () => api.post(paths.run)));
  el.batch.addEventListener('click', () => run(el.batch,
    () => api.post(paths.batch, { start_date: el.from.value || null, end_date: el.to.value || null })));
  el.cancel.addEventListener('click', async () => {
    const taskId = task.taskId;
    if (!taskId) return;
    // As in Hangfire's dashboard: a destructive action asks first.
    if (!window.confirm(`确定要取消同步任务 ${taskId} 吗？已写入的数据会保留，任务将以“已取消”结束。`)) return;
    await busy(el.cancel, async () => {
      try {
        const body = await api.post(paths.cancel(taskId));
        showMessage(el.message, 'info', `${body.message ?? '已请求取消'}：`, h('code', null, taskId));
      } catch (error) {
        showMessage(el.message, 'error', error.message);
      }
    });
  });

  return {
    /** Shows the controls to operators and admins only; the server checks the role anyway. */
    show(canOperate) {
      el.actions.hidden = !canOperate;
    },
    /** The cancel button is there while a task runs. */
    update() {
      el.cancel.hidden = !task.running;
    },
    /** A task ended: a "已有同步任务正在运行" banner about it is no longer true, so it goes. */
    taskEnded(taskId) {
      if (busyTaskId !== null && busyTaskId === taskId) {
        busyTaskId = null;
        showMessage(el.message, 'info', '');
      }
    },
  };
}
