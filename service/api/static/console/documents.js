// 文档管理: list, upload with the ingest report, structure tree + chunks, re-ingest, delete.
import { api, h, compact, toast, errorBox, busy } from './console.js';

const TYPE_NAMES = { regulation: '法规', party_regulation: '党内法规', law: '法律', theory: '理论文章', news: '新闻', other: '其他' };

export async function render(root) {
  const report = h('div', { class: 'report', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'upload-files', multiple: true, accept: '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.zip,.jsonl' });
  const uploadBtn = h('button', { type: 'submit', class: 'btn primary' }, '上传并导入');
  const chosen = h('span', { class: 'muted file-names' }, '未选择文件');
  fileInput.classList.add('sr-only');
  fileInput.addEventListener('change', () => {
    const names = [...fileInput.files].map((f) => f.name);
    chosen.textContent = names.length ? `已选择 ${names.length} 个文件：${names.join('、')}` : '未选择文件';
  });
  const uploadForm = h('form', { class: 'card upload', 'aria-label': '上传文档' },
    h('div', { class: 'card-head' }, h('h2', {}, '上传文档'), h('span', { class: 'muted' }, '支持 txt、md、html、pdf、docx，可多选')),
    h('div', { class: 'row' },
      h('label', { for: 'upload-files', class: 'btn file-pick' }, '选择文件…'), fileInput, chosen, uploadBtn),
    report);
  uploadForm.addEventListener('submit', busy(uploadBtn, async (ev) => {
    ev.preventDefault();
    if (!fileInput.files.length) { toast('请先选择文件。', 'warn'); return; }
    uploadBtn.textContent = '导入中…';
    const form = new FormData();
    for (const f of fileInput.files) form.append('files', f, f.name);
    try {
      const r = await api('/v1/admin/ingest/upload', { method: 'POST', form });
      report.replaceChildren(renderReport(r));
      fileInput.value = ''; chosen.textContent = '未选择文件';
      await loadList();
    } catch (e) { report.replaceChildren(errorBox(e)); }
  }));

  const tableBox = h('div', { class: 'card' });
  const detail = h('div', { class: 'detail stack' });
  root.append(uploadForm, tableBox, detail);

  async function loadList() {
    let docs;
    try { docs = (await api('/v1/console/documents')).documents; } catch (e) { tableBox.replaceChildren(errorBox(e)); return; }
    const total = docs.reduce((s, d) => s + d.n_chunks, 0);
    tableBox.replaceChildren(
      h('div', { class: 'card-head' }, h('h2', {}, '知识库文档'), h('span', { class: 'muted' }, `${docs.length} 篇，共 ${total} 个片段`)),
      docs.length ? h('table', { class: 'table', 'aria-label': '知识库文档' },
        h('thead', {}, h('tr', {}, ['标题', '作品 / 版本', '状态', '类型', '片段数', '操作'].map((t) => h('th', {}, t)))),
        h('tbody', {}, docs.map((d) => docRow(d)))) : h('p', { class: 'empty' }, '知识库还没有文档。'));
  }

  function docRow(d) {
    const m = d.metadata || {};
    const view = h('button', { type: 'button', class: 'btn small' }, '查看');
    view.addEventListener('click', () => showDetail(d.doc_id));
    const re = h('button', { type: 'button', class: 'btn small' }, '重新导入');
    re.addEventListener('click', busy(re, async () => {
      try { const r = await api(`/v1/admin/documents/${encodeURIComponent(d.doc_id)}/reingest`, { method: 'POST' });
        toast(`已重新导入：共 ${r.n_docs} 篇、${r.n_chunks} 个片段。`); await loadList(); }
      catch (e) { toast(e.message, 'error'); }
    }));
    const del = h('button', { type: 'button', class: 'btn small danger' }, '删除');
    del.addEventListener('click', busy(del, async () => {
      if (!confirm(`确定从知识库删除《${d.title}》？`)) return;
      try { await api(`/v1/admin/documents/${encodeURIComponent(d.doc_id)}`, { method: 'DELETE' });
        toast('已删除。'); detail.replaceChildren(); await loadList(); }
      catch (e) { toast(e.message, 'error'); }
    }));
    return h('tr', { dataset: { docId: d.doc_id } },
      h('td', {}, h('div', { class: 'strong' }, d.title), h('div', { class: 'mono muted' }, d.doc_id)),
      h('td', {}, [m.work, m.version].filter(Boolean).join(' · ') || '—'),
      h('td', {}, m.status ? h('span', { class: 'tag ' + statusClass(m.status) }, m.status) : '—'),
      h('td', {}, TYPE_NAMES[m.type] || TYPE_NAMES[d.doc_type] || d.doc_type),
      h('td', { class: 'num' }, d.n_chunks),
      h('td', { class: 'actions' }, view, re, del));
  }

  async function showDetail(docId) {
    detail.replaceChildren(h('p', { class: 'muted' }, '加载中…'));
    let data;
    try { data = await api(`/v1/console/documents/${encodeURIComponent(docId)}`); } catch (e) { detail.replaceChildren(errorBox(e)); return; }
    const chunkList = h('ol', { class: 'chunks', 'aria-label': '文档片段' }, data.chunks.map((c) =>
      h('li', { class: 'chunk', id: 'chunk-' + c.chunk_id },
        h('div', { class: 'chunk-head' }, h('b', {}, c.locator || '正文'),
          c.parts > 1 ? h('span', { class: 'tag' }, `第 ${c.part}/${c.parts} 部分`) : null,
          c.chapter_path.length ? h('span', { class: 'muted' }, c.chapter_path.join(' › ')) : null,
          h('span', { class: 'mono muted right' }, `${c.text.length} 字`)),
        h('p', { class: 'chunk-text' }, compact(c.text)))));
    detail.replaceChildren(h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, `《${data.document.title}》`), h('span', { class: 'muted' }, `${data.chunks.length} 个片段`)),
      h('div', { class: 'split' },
        h('nav', { class: 'tree', 'aria-label': '文档结构' }, h('h3', {}, '结构（章 / 条）'), tree(data.structure)),
        h('div', { class: 'chunk-pane' }, h('h3', {}, '片段'), chunkList))));
    detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  function tree(nodes) {
    return h('ul', {}, nodes.map((n) => n.kind === 'heading'
      ? h('li', {}, h('details', { open: true }, h('summary', {}, n.title), tree(n.children)))
      : h('li', {}, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); document.getElementById('chunk-' + n.chunk_ids[0])?.scrollIntoView({ block: 'center' }); } }, n.title))));
  }

  await loadList();
}

function statusClass(status) {
  if (status === '现行有效') return 'ok';
  if (status === '试行') return 'info';
  return 'warn';
}

// The ingest report as the upload route returns it: known fields as a summary, each failure with its reason,
// and any other fields (per-file reports) shown as they come.
export function renderReport(r) {
  const known = new Set(['added', 'updated', 'removed', 'unchanged', 'n_docs', 'n_chunks', 'embedded', 'cached', 'failures', 'generation', 'changed', 'duration_s']);
  const items = [
    ['新增', (r.added || []).length], ['更新', (r.updated || []).length], ['未变', (r.unchanged || []).length],
    ['删除', (r.removed || []).length], ['文档总数', r.n_docs], ['片段总数', r.n_chunks],
  ];
  const box = h('div', { class: 'ingest-report', role: 'status' },
    h('h3', {}, (r.failures || []).length ? '导入完成（部分文件失败）' : '导入完成'),
    h('dl', { class: 'kv' }, items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')])));
  if ((r.added || []).length || (r.updated || []).length) {
    box.append(h('p', {}, '新增或更新：', [...(r.added || []), ...(r.updated || [])].join('、')));
  }
  if ((r.failures || []).length) {
    box.append(h('table', { class: 'table compact', 'aria-label': '导入失败的文件' }, h('caption', {}, '导入失败的文件'),
      h('thead', {}, h('tr', {}, h('th', {}, '文件'), h('th', {}, '错误'), h('th', {}, '原因'))),
      h('tbody', {}, r.failures.map((f) => h('tr', { class: 'fail' }, h('td', { title: f.path }, f.path.split(/[\\/]/).pop()), h('td', { class: 'mono' }, f.code), h('td', {}, f.message))))));
  }
  // The per-file report: what each file became (structure counted, furniture removed, warnings).
  if (Array.isArray(r.files) && r.files.length) {
    const REMOVED = { running_header: '页眉', running_footer: '页脚', page_number: '页码', hidden_elements: '隐藏元素',
      site_furniture_lines: '网站栏目行', furniture_elements: '导航/分享等部件', boilerplate_lines: '样板行',
      deleted_revisions: '修订删除内容', hidden_runs: '隐藏文字' };
    const structure = (c) => [['chapters', '章'], ['sections', '节'], ['articles', '条'], ['items', '项'], ['outline', '标题'], ['paragraphs', '段']]
      .filter(([k]) => c && c[k]).map(([k, n]) => `${c[k]} ${n}`).join('、') || '—';
    box.append(h('table', { class: 'table compact', 'aria-label': '逐个文件的导入结果' }, h('caption', {}, '逐个文件'),
      h('thead', {}, h('tr', {}, ['文件', '标题', '格式', '结构', '片段', '去除', '提醒'].map((t) => h('th', {}, t)))),
      h('tbody', {}, r.files.map((f) => h('tr', {},
        h('td', { title: f.path }, f.path.split(/[\\/]/).pop()),
        h('td', {}, f.title, h('div', { class: 'mono muted' }, f.doc_id)),
        h('td', {}, f.format),
        h('td', {}, structure(f.structure)),
        h('td', { class: 'num' }, f.chunks),
        h('td', {}, Object.entries(f.removed || {}).map(([k, n]) => `${REMOVED[k] || k} ${n}`).join('、') || '—'),
        h('td', {}, (f.warnings || []).length ? h('ul', { class: 'plain warn-list' }, f.warnings.map((w) => h('li', {}, w.message))) : '—'))))));
  }
  known.add('files');
  // Fields added by later versions of the report (per-file reports, notices) are shown as they come.
  const LABELS = { notices: '提示', files: '逐个文件', per_file: '逐个文件' };
  for (const [k, v] of Object.entries(r)) {
    if (known.has(k) || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
    const label = LABELS[k] || k;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      box.append(h('div', { class: 'extra' }, h('b', {}, label), h('ul', { class: 'plain' }, v.map((x) => h('li', {}, x)))));
    } else if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const cols = [...new Set(v.flatMap((x) => Object.keys(x)))];
      box.append(h('div', { class: 'extra' }, h('b', {}, label), h('table', { class: 'table compact' },
        h('thead', {}, h('tr', {}, cols.map((c) => h('th', {}, c)))),
        h('tbody', {}, v.map((x) => h('tr', {}, cols.map((c) => h('td', {}, typeof x[c] === 'object' && x[c] !== null ? JSON.stringify(x[c]) : (x[c] ?? '—')))))))));
    } else {
      box.append(h('details', { class: 'extra' }, h('summary', {}, label), h('pre', {}, JSON.stringify(v, null, 2))));
    }
  }
  return box;
}
