// 出题与题库: choose a scope, types and count; generate into the bank; review side by side with the source;
// approve or reject one by one or in bulk; export.
import { api, h, compact, toast, errorBox, busy, fmtTime } from './console.js';

const TYPES = [['single', '单选题'], ['multiple', '多选题'], ['judge', '判断题'], ['blank', '填空题']];
const TYPE_NAMES = Object.fromEntries(TYPES);
const STATUS = [['pending', '待审核'], ['approved', '已通过'], ['rejected', '已驳回'], ['', '全部']];
const STATUS_NAMES = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
const FORMATS = [['xlsx', 'Excel（xlsx）'], ['gift', 'GIFT（Moodle）'], ['aiken', 'Aiken'], ['csv', 'CSV'], ['json', 'JSON']];
const LETTERS = 'ABCDEF';

export async function render(root) {
  let docs = [];
  try { docs = (await api('/v1/console/documents')).documents; } catch (e) { root.append(errorBox(e)); }

  // --- generation -----------------------------------------------------------------------------------
  const scopeKind = h('select', { id: 'qz-scope', 'aria-label': '出题范围' },
    [['all', '整个知识库'], ['doc', '指定文档'], ['chapter', '指定章节'], ['query', '按检索词']].map(([v, t]) => h('option', { value: v }, t)));
  const docSel = h('select', { id: 'qz-doc', 'aria-label': '文档' }, docs.map((d) => h('option', { value: d.doc_id }, d.title)));
  const chapterSel = h('select', { id: 'qz-chapter', 'aria-label': '章节' });
  const query = h('input', { id: 'qz-query', type: 'search', placeholder: '如：预备党员', 'aria-label': '检索词', maxlength: 200 });
  const count = h('input', { id: 'qz-count', type: 'number', min: 1, max: 100, value: 10, 'aria-label': '题目数量' });
  const typeBoxes = TYPES.map(([v, t]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: v, checked: true, name: 'qz-type' }), t));
  const gen = h('button', { type: 'submit', class: 'btn primary' }, '生成并存入题库');
  const genReport = h('div', { 'aria-live': 'polite' });
  const fDoc = field('文档', docSel), fChapter = field('章节', chapterSel), fQuery = field('检索词', query);
  const genForm = h('form', { class: 'card', 'aria-label': '生成题目' },
    h('div', { class: 'card-head' }, h('h2', {}, '生成题目'), h('span', { class: 'muted' }, '题目依据知识库原文生成，存入题库后待审核')),
    h('div', { class: 'row wrap' }, field('范围', scopeKind), fDoc, fChapter, fQuery, field('数量', count)),
    h('div', { class: 'row wrap' }, h('span', { class: 'field-label' }, '题型'), typeBoxes, gen), genReport);

  async function loadChapters() {
    chapterSel.replaceChildren();
    if (!docSel.value) return;
    try {
      const detail = await api(`/v1/console/documents/${encodeURIComponent(docSel.value)}`);
      const chapters = [];
      const walk = (nodes, path) => { for (const n of nodes) if (n.kind === 'heading') { const p = [...path, n.title]; chapters.push({ title: p.join(' › '), locators: leaves(n) }); walk(n.children, p); } };
      walk(detail.structure, []);
      chapterSel.replaceChildren(...chapters.filter((c) => c.locators.length).map((c) => h('option', { value: JSON.stringify(c.locators) }, c.title)));
      if (!chapters.length) chapterSel.append(h('option', { value: '' }, '（该文档没有章节）'));
    } catch (e) { toast(e.message, 'error'); }
  }
  function syncScope() {
    fDoc.hidden = !['doc', 'chapter'].includes(scopeKind.value);
    fChapter.hidden = scopeKind.value !== 'chapter';
    fQuery.hidden = scopeKind.value !== 'query';
    if (scopeKind.value === 'chapter' && !chapterSel.options.length) loadChapters();
  }
  scopeKind.addEventListener('change', syncScope);
  docSel.addEventListener('change', () => { if (scopeKind.value === 'chapter') loadChapters(); });
  syncScope();

  genForm.addEventListener('submit', busy(gen, async (ev) => {
    ev.preventDefault();
    const types = typeBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    if (!types.length) { toast('请至少选择一种题型。', 'warn'); return; }
    const scope = {};
    if (scopeKind.value === 'doc' || scopeKind.value === 'chapter') scope.doc_ids = [docSel.value];
    if (scopeKind.value === 'chapter' && chapterSel.value) scope.locators = JSON.parse(chapterSel.value);
    if (scopeKind.value === 'query') scope.query = query.value;
    gen.textContent = '生成中…';
    try {
      const result = await api('/v1/quiz', { method: 'POST', body: { scope, types, count: Number(count.value) } });
      const saved = result.items.length ? await api('/v1/bank', { method: 'POST', body: { items: result.items } }) : { saved: [], duplicates: [], invalid: [] };
      genReport.replaceChildren(h('div', { class: 'alert ok', role: 'status', id: 'qz-report' },
        `生成 ${result.items.length} 道，存入题库 ${saved.saved.length} 道`,
        saved.duplicates.length ? `，与题库重复 ${saved.duplicates.length} 道` : '',
        saved.invalid.length ? `，未通过校验 ${saved.invalid.length} 道` : '', '。'));
      statusSel.value = 'pending';
      await loadBank();
    } catch (e) { genReport.replaceChildren(errorBox(e)); }
  }));

  // --- bank review ------------------------------------------------------------------------------------
  const statusSel = h('select', { id: 'qz-status', 'aria-label': '审核状态' }, STATUS.map(([v, t]) => h('option', { value: v }, t)));
  const selectAll = h('input', { type: 'checkbox', id: 'qz-all', 'aria-label': '全选' });
  const approveSel = h('button', { type: 'button', class: 'btn primary' }, '批量通过');
  const rejectSel = h('button', { type: 'button', class: 'btn' }, '批量驳回');
  const selInfo = h('span', { class: 'muted', id: 'qz-selected' }, '未选择');
  const fmt = h('select', { id: 'qz-format', 'aria-label': '导出格式' }, FORMATS.map(([v, t]) => h('option', { value: v }, t)));
  const exportStatus = h('select', { id: 'qz-export-status', 'aria-label': '导出范围' }, [['approved', '已通过的题目'], ['pending', '待审核的题目'], ['rejected', '已驳回的题目']].map(([v, t]) => h('option', { value: v }, t)));
  const exportBtn = h('button', { type: 'button', class: 'btn' }, '导出');
  const list = h('div', { class: 'bank', id: 'qz-bank' });
  const bankCard = h('section', { class: 'card', 'aria-label': '题库审核' },
    h('div', { class: 'card-head' }, h('h2', {}, '题库审核'), field('状态', statusSel)),
    h('div', { class: 'toolbar' },
      h('label', { class: 'check' }, selectAll, '全选'), selInfo, approveSel, rejectSel,
      h('span', { class: 'spacer' }), field('导出', fmt), exportStatus, exportBtn),
    list);
  root.append(genForm, bankCard);

  let entries = [];
  const checked = () => [...list.querySelectorAll('input.pick:checked')].map((i) => i.value);
  const syncSel = () => { const n = checked().length; selInfo.textContent = n ? `已选 ${n} 道` : '未选择'; };
  selectAll.addEventListener('change', () => { for (const i of list.querySelectorAll('input.pick')) i.checked = selectAll.checked; syncSel(); });

  async function loadBank() {
    const q = new URLSearchParams({ limit: '200' });
    if (statusSel.value) q.set('status', statusSel.value);
    try { entries = (await api('/v1/bank?' + q.toString())).items; } catch (e) { list.replaceChildren(errorBox(e)); return; }
    selectAll.checked = false;
    list.replaceChildren(...(entries.length ? entries.map(itemRow) : [h('p', { class: 'empty' }, '没有符合条件的题目。')]));
    syncSel();
  }
  statusSel.addEventListener('change', loadBank);

  async function bulk(action) {
    const ids = checked();
    if (!ids.length) { toast('请先勾选题目。', 'warn'); return; }
    try {
      const r = await api('/v1/bank/review', { method: 'POST', body: { action, ids } });
      toast(`${action === 'approve' ? '已通过' : '已驳回'} ${r.updated} 道题。`);
      await loadBank();
    } catch (e) { toast(e.message, 'error'); }
  }
  approveSel.addEventListener('click', busy(approveSel, () => bulk('approve')));
  rejectSel.addEventListener('click', busy(rejectSel, () => bulk('reject')));

  exportBtn.addEventListener('click', busy(exportBtn, async () => {
    const q = new URLSearchParams({ format: fmt.value });
    q.set('status', exportStatus.value);
    try {
      const r = await api('/v1/bank/export?' + q.toString(), { raw: true });
      const blob = await r.blob();
      const name = (/filename="?([^";]+)"?/.exec(r.headers.get('content-disposition') || '') || [])[1] || `quiz-bank.${fmt.value}`;
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      // the export route says how many items it wrote and, by reason, how many the format could not hold
      const written = r.headers.get('x-export-written');
      let skipped = {};
      try { skipped = JSON.parse(r.headers.get('x-export-skipped') || '{}'); } catch (e) { skipped = {}; }
      const skips = Object.entries(skipped).map(([why, n]) => `${why} ${n} 道`).join('，');
      toast(`已导出 ${written ?? '?'} 道题${skips ? `；未导出：${skips}` : ''}。`);
    } catch (e) { toast(e.message, 'error'); }
  }));

  function itemRow(entry) {
    const it = entry.item;
    const pick = h('input', { type: 'checkbox', class: 'pick', value: it.id, 'aria-label': '选择：' + it.stem.slice(0, 30) });
    pick.addEventListener('change', syncSel);
    const approve = h('button', { type: 'button', class: 'btn small primary' }, '通过');
    const reject = h('button', { type: 'button', class: 'btn small' }, '驳回');
    const edit = h('button', { type: 'button', class: 'btn small ghost' }, '编辑');
    const review = (decision, edits) => busy(decision === 'approve' ? approve : reject, async () => {
      try { await api(`/v1/bank/${encodeURIComponent(it.id)}/review`, { method: 'POST', body: { decision, edits } });
        toast(decision === 'approve' ? '已通过。' : '已驳回。'); await loadBank(); }
      catch (e) { toast(e.message, 'error'); }
    });
    approve.addEventListener('click', review('approve'));
    reject.addEventListener('click', review('reject'));
    const body = h('div', { class: 'item-body' }, itemView(it));
    edit.addEventListener('click', () => body.replaceChildren(editForm(it, async (edits) => {
      try { await api(`/v1/bank/${encodeURIComponent(it.id)}/review`, { method: 'POST', body: { decision: 'approve', edits } });
        toast('已修改并通过。'); await loadBank(); }
      catch (e) { toast(e.message, 'error'); }
    }, () => body.replaceChildren(itemView(it)))));
    return h('article', { class: 'item', dataset: { itemId: it.id, status: entry.status } },
      h('div', { class: 'item-pick' }, pick),
      body,
      h('aside', { class: 'item-source', 'aria-label': '出处原文' },
        h('div', { class: 'strong' }, `《${it.source.title}》${it.source.locator}`),
        it.source.chapter ? h('div', { class: 'muted' }, it.source.chapter) : null,
        h('blockquote', {}, compact(it.source.quote))),
      h('div', { class: 'item-actions' },
        h('span', { class: 'tag ' + ({ approved: 'ok', rejected: 'warn' }[entry.status] || 'info') }, STATUS_NAMES[entry.status]),
        entry.reviewer ? h('span', { class: 'muted small' }, `${entry.reviewer} · ${fmtTime(entry.reviewed_at)}`) : null,
        approve, reject, edit));
  }

  await loadBank();
}

function answerText(it) {
  if (typeof it.answer === 'boolean') return it.answer ? '正确' : '错误';
  return Array.isArray(it.answer) ? it.answer.join('') : it.answer;
}

function itemView(it) {
  const correct = new Set(typeof it.answer === 'string' || Array.isArray(it.answer) ? [...(Array.isArray(it.answer) ? it.answer.join('') : it.answer)] : []);
  return h('div', {},
    h('div', { class: 'badges' }, h('span', { class: 'tag' }, TYPE_NAMES[it.type] || it.type), h('span', { class: 'tag' }, { easy: '易', medium: '中', hard: '难' }[it.difficulty] || it.difficulty)),
    h('p', { class: 'stem' }, it.stem),
    it.options ? h('ol', { class: 'options' }, it.options.map((o, i) => h('li', { class: correct.has(LETTERS[i]) ? 'correct' : '' }, h('b', {}, LETTERS[i] + '. '), o))) : null,
    h('p', {}, h('b', {}, '答案：'), answerText(it)),
    h('p', { class: 'muted' }, h('b', {}, '解析：'), it.explanation));
}

function editForm(it, onSave, onCancel) {
  const stem = h('textarea', { rows: 2, 'aria-label': '题干' }, it.stem);
  const options = it.options ? h('textarea', { rows: it.options.length, 'aria-label': '选项（每行一个）' }, it.options.join('\n')) : null;
  const answer = h('input', { type: 'text', value: answerText(it), 'aria-label': '答案' });
  const explanation = h('textarea', { rows: 2, 'aria-label': '解析' }, it.explanation);
  const save = h('button', { type: 'button', class: 'btn small primary' }, '保存并通过');
  const cancel = h('button', { type: 'button', class: 'btn small ghost' }, '取消');
  save.addEventListener('click', busy(save, async () => {
    const edits = { stem: stem.value, explanation: explanation.value };
    if (options) edits.options = options.value.split('\n').map((s) => s.trim()).filter(Boolean);
    const a = answer.value.trim();
    edits.answer = it.type === 'judge' ? ['正确', '对', 'true', '√'].includes(a) : it.type === 'multiple' ? [...a.toUpperCase()].filter((c) => LETTERS.includes(c)) : a;
    await onSave(edits);
  }));
  cancel.addEventListener('click', onCancel);
  return h('div', { class: 'edit' }, field('题干', stem), options ? field('选项（每行一个）', options) : null, field('答案', answer), field('解析', explanation), h('div', { class: 'actions' }, save, cancel));
}

function leaves(node) {
  const out = [];
  const walk = (n) => { if (n.kind === 'chunk') out.push(n.title); else n.children.forEach(walk); };
  walk(node);
  return [...new Set(out)];
}

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
