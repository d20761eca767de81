// Who is using the page: the API key (kept in localStorage) and the user it belongs to.

const storageKey = 'syncmonitor.apiKey';

function read() {
  try {
    return window.localStorage.getItem(storageKey) ?? '';
  } catch {
    return ''; // storage disabled: the key is asked for on every load
  }
}

export function createSession() {
  let key = read();
  let user = null;
  const expiredListeners = [];

  return {
    get key() { return key; },
    get user() { return user; },
    set user(value) { user = value; },
    /** Operators and admins may start, cancel and test; viewers only read. */
    get canOperate() { return user?.role === 'operator' || user?.role === 'admin'; },

    save(value) {
      key = value.trim();
      try {
        window.localStorage.setItem(storageKey, key);
      } catch {
        // kept for this page only
      }
    },

    forget() {
      key = '';
      user = null;
      try {
        window.localStorage.removeItem(storageKey);
      } catch {
        // nothing stored
      }
    },

    /** A call answered 401: the key was wrong or has been revoked. */
    expire(message) {
      for (const listener of expiredListeners.splice(0)) listener(message);
    },

    onExpired(listener) { expiredListeners.push(listener); },
  };
}
