// DOM building without HTML strings: every value reaches the page through textContent or an attribute, so
// nothing the API returns can become markup (the page's CSP also turns on Trusted Types, which makes the
// HTML-string sinks throw).

/** Builds an element. props: attributes (strings), `class`, `dataset`, `hidden`, `disabled`, `on` (event map). */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    else if (name === 'hidden' || name === 'disabled') node[name] = Boolean(value);
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's content with the given children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}

/** A table with a header row; `rows` are arrays of cells (text or nodes), or { cells, class } objects.
 * Cells never wrap (a user name or an IP stays whole); only the columns listed in `textColumns` (free text such as
 * messages) wrap. The table scrolls sideways inside its card when the card is narrower than the table. */
export function table(headers, rows, className = 'grid', textColumns = []) {
  const cellClass = (index) => (textColumns.includes(index) ? 'text' : undefined);
  return h('div', { class: 'table-scroll' }, h('table', { class: className },
    h('thead', null, h('tr', null, headers.map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', null, rows.map((row) => {
      const cells = Array.isArray(row) ? row : row.cells;
      return h('tr', { class: Array.isArray(row) ? undefined : row.class },
        cells.map((cell, index) => h('td', { class: cellClass(index) }, cell)));
    }))));
}

/** Shows a message box (kind: info | success | warning | error), or hides it when text is empty. */
export function showMessage(box, kind, ...content) {
  if (content.length === 0 || content.every((part) => part === '' || part === null || part === undefined)) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.dataset.kind = kind;
  fill(box, ...content);
  box.hidden = false;
}

/** Disables a button while an action runs, so a double click sends one request. */
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}
