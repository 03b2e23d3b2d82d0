// The console's shell: login, navigation by role, the API client and small DOM helpers.
// Every action is one call to the service's API (the same routes the CLI's library functions back);
// the key lives in sessionStorage and is only ever sent as an Authorization header.
const KEY = 'study-console-key';
const ROLE_NAMES = { member: '学员', trainer: '培训员', admin: '管理员' };

export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

export async function api(path, { method = 'GET', body, form, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = 'Bearer ' + key;
  let payload;
  if (form) payload = form;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  let r;
  try {
    r = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', '网络连接失败，请检查服务是否在运行。');
  }
  if (r.ok && raw) return r;
  const isJson = (r.headers.get('content-type') || '').includes('json');
  const data = isJson ? await r.json() : null;
  if (!r.ok) {
    const err = data && data.error ? data.error : {};
    if (r.status === 401 && state.user) { logout('登录已失效，请重新输入密钥。'); }
    throw new ApiError(r.status, err.code || 'http_error', err.message || `请求失败（HTTP ${r.status}）。`);
  }
  return data;
}

// h('div', {class: 'x', onclick: fn}, 'text', child) — builds DOM without innerHTML (data is never markup).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style') el.style.cssText = v; // CSSOM: allowed by the console's CSP, attributes are not
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function toast(message, kind = 'ok') {
  const t = document.getElementById('toast');
  t.textContent = message; t.className = 'toast ' + kind; t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3500);
}

export function errorBox(err) {
  return h('div', { class: 'alert error', role: 'alert' }, err instanceof ApiError ? err.message : '出现意外错误。');
}

export function fmtTime(ts) {
  if (!ts) return '—';
  const d = new Date(ts * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fmtNum(x, digits = 3) { return x === undefined || x === null ? '—' : Number(x).toFixed(digits); }

export function busy(button, promiseFn) {
  return async (...args) => {
    if (button.disabled) return;
    const label = button.textContent;
    button.disabled = true; button.setAttribute('aria-busy', 'true');
    try { return await promiseFn(...args); }
    finally { button.disabled = false; button.removeAttribute('aria-busy'); button.textContent = label; }
  };
}

// Blank lines in source texts are layout: shown as one line break.
export function compact(text) { return String(text).replace(/\n\s*\n/g, '\n'); }

// An answer as members see it: text with [n] markers, then the numbered sources with verbatim quotes.
export function renderAnswer(answer) {
  const box = h('div', { class: 'answer' + (answer.refused ? ' refused' : '') });
  const badges = h('div', { class: 'badges' });
  if (answer.curated) badges.append(h('span', { class: 'tag curated' }, '标注回复'));
  if (answer.refused) badges.append(h('span', { class: 'tag warn' }, '拒答'));
  else badges.append(h('span', { class: 'tag ok' }, '作答'));
  if (answer.mode && answer.mode !== 'extractive') badges.append(h('span', { class: 'tag' }, answer.mode));
  box.append(badges);
  if (answer.notice) box.append(h('p', { class: 'notice' }, answer.notice));
  box.append(h('p', { class: 'answer-text' }, compact(answer.answer)));
  if (answer.citations && answer.citations.length) {
    box.append(h('ol', { class: 'cites', 'aria-label': '引用来源' },
      answer.citations.map((c) => h('li', { class: 'cite' },
        h('details', { open: c.quote.length <= 160 },
          h('summary', { class: 'cite-head' }, h('b', {}, `[${c.n}] 《${c.title}》`), ' ', c.locator,
            h('span', { class: 'muted' }, ` · 原文 ${c.quote.length} 字`)),
          h('blockquote', {}, compact(c.quote)))))));
  }
  if (answer.suggestions && answer.suggestions.length) {
    box.append(h('p', { class: 'muted' }, '建议：' + answer.suggestions.join('、')));
  }
  return box;
}

// ---- shell -------------------------------------------------------------------------------------------
export const state = { user: null };
const VIEWS = [
  { id: 'documents', label: '文档管理', role: 'admin', load: () => import('./documents.js') },
  { id: 'hittest', label: '命中测试', role: 'trainer', load: () => import('./hittest.js') },
  { id: 'feedback', label: '反馈审阅', role: 'admin', load: () => import('./feedback.js') },
  { id: 'curated', label: '标注回复', role: 'admin', load: () => import('./curated.js') },
  { id: 'quiz', label: '出题与题库', role: 'trainer', load: () => import('./quiz.js') },
  { id: 'usage', label: '使用统计', role: 'admin', load: () => import('./usage.js') },
];
const RANK = { member: 0, trainer: 1, admin: 2 };

function allowedViews() { return VIEWS.filter((v) => RANK[state.user.role] >= RANK[v.role]); }

function showLogin(message) {
  document.getElementById('app').hidden = true;
  document.getElementById('login').hidden = false;
  const err = document.getElementById('login-error');
  err.hidden = !message; err.textContent = message || '';
  document.getElementById('login-key').focus();
}

function logout(message) {
  sessionStorage.removeItem(KEY);
  state.user = null;
  history.replaceState(null, '', '/console/');
  showLogin(message);
}

async function login(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
  try {
    state.user = await api('/v1/console/me');
  } catch (e) {
    sessionStorage.removeItem(KEY);
    if (e.status === 403) return '该密钥没有控制台权限（需要培训员或管理员密钥）。';
    if (e.status === 401) return key ? '密钥无效或已被吊销。' : '请输入 API 密钥。';
    return e.message;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('who-name').textContent = state.user.name || '本机';
  document.getElementById('who-role').textContent = ROLE_NAMES[state.user.role] || state.user.role;
  const nav = document.getElementById('nav');
  nav.replaceChildren(...allowedViews().map((v) => h('a', { href: '#/' + v.id, dataset: { view: v.id } }, v.label)));
  route();
  return null;
}

let renderSeq = 0;
async function route() {
  if (!state.user) return;
  const views = allowedViews();
  const id = location.hash.replace(/^#\//, '').split('?')[0];
  const view = views.find((v) => v.id === id) || views[0];
  if (view.id !== id) { history.replaceState(null, '', '#/' + view.id); }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === view.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.getElementById('page-title').textContent = view.label;
  document.title = `${view.label} · 党建学习助手控制台`;
  const root = document.getElementById('view');
  const seq = ++renderSeq;
  root.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
  try {
    const mod = await view.load();
    if (seq !== renderSeq) return;
    root.replaceChildren();
    await mod.render(root, { user: state.user });
  } catch (e) {
    if (seq === renderSeq) root.replaceChildren(errorBox(e));
  }
}

document.getElementById('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = document.getElementById('login-key');
  const message = await login(input.value.trim());
  input.value = '';
  if (message) showLogin(message);
});
document.getElementById('logout').addEventListener('click', () => logout());
window.addEventListener('hashchange', route);

(async () => {
  const saved = sessionStorage.getItem(KEY);
  if (saved) { const m = await login(saved); if (m) showLogin(m); } else showLogin();
})();
