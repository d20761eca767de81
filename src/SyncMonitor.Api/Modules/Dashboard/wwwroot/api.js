// The REST client: the API key on every call, problem+json errors turned into readable messages.

/** An API call that did not succeed. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(describe(status, problem, retryAfter));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }
}

const prefixes = {
  400: '输入有误', 401: 'API Key 无效或已失效', 403: '权限不足', 404: '未找到',
  409: '冲突', 413: '请求过大', 429: '请求过于频繁',
};

function describe(status, problem, retryAfter) {
  const detail = problem?.detail || problem?.title || '';
  const fields = Object.entries(problem?.errors ?? {})
    .map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`)
    .filter((text) => !detail.includes(text.slice(text.indexOf(': ') + 2)));
  const prefix = status === 0 ? '无法连接服务器' : prefixes[status] ?? (status >= 500 ? '服务器错误' : `HTTP ${status}`);
  const wait = status === 429 && retryAfter ? `，请 ${retryAfter} 秒后再试` : '';
  return [`${prefix}${wait}`, detail, ...fields].filter(Boolean).join('：');
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      // an unreadable body still leaves the status to report
    }
  }
  return { title: response.statusText };
}

/** `filename*=UTF-8''…` (RFC 6266) first, then `filename="…"`. */
function fileNameOf(response, fallback) {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

export function createApi(session) {
  async function request(method, path, { query, body, download } = {}) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    // The page is Chinese throughout, so the server's texts (messages, problem titles) are asked for in Chinese
    // whatever the browser's own language list says.
    const headers = {
      'X-Api-Key': session.key, 'Accept-Language': 'zh-CN',
      Accept: download ? 'text/csv, application/problem+json' : 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, {
        method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, { detail: error.message });
    }
    if (!response.ok) {
      const problem = await readProblem(response);
      if (response.status === 401) session.expire(describe(401, problem));
      throw new ApiError(response.status, problem, response.headers.get('Retry-After'));
    }
    if (download) return { blob: await response.blob(), fileName: fileNameOf(response, download) };
    return response.status === 204 ? null : response.json();
  }

  return {
    get: (path, query) => request('GET', path, { query }),
    post: (path, body, query) => request('POST', path, { body, query }),
    /** GET as a file (the key header rules out a plain link); `fallbackName` when the server names none. */
    download: (path, query, fallbackName) => request('GET', path, { query, download: fallbackName }),
  };
}

/** Data of an `{success, data, message}` envelope, or the body itself when the endpoint has none. */
export const unwrap = (body) => (body && typeof body === 'object' && 'success' in body && 'data' in body ? body.data : body);

export const paths = {
  me: '/api/auth/me',
  current: '/api/sync/current',
  progress: (taskId) => `/api/sync/tasks/${encodeURIComponent(taskId)}/progress`,
  cancel: (taskId) => `/api/sync/tasks/${encodeURIComponent(taskId)}/cancel`,
  run: '/api/sync/stock_basics/run',
  batch: '/api/v1/sync-status/sync/batch',
  status: '/api/sync/stock_basics/status',
  history: '/api/sync/multi-source/history',
  changes: (taskId) => `/api/sync/runs/${encodeURIComponent(taskId)}/changes`,
  approve: (taskId) => `/api/sync/runs/${encodeURIComponent(taskId)}/approve`,
  discard: (taskId) => `/api/sync/runs/${encodeURIComponent(taskId)}/discard`,
  sources: '/api/sync/multi-source/sources/status',
  testSources: '/api/sync/multi-source/test-sources',
  alerts: '/api/monitoring/alerts',
  alertAction: (id, action) => `/api/monitoring/alerts/${encodeURIComponent(id)}/${action}`,
  notifications: '/api/notifications',
  unreadCount: '/api/notifications/unread_count',
  markRead: (id) => `/api/notifications/${encodeURIComponent(id)}/read`,
  readAll: '/api/notifications/read_all',
  logs: '/api/system/logs/list',
  logsCsv: '/api/system/logs/export/csv',
  hub: '/hubs/notifications',
};
