// 标注回复: answers pinned to questions, composed from chosen passages (each a verified citation).
import { api, h, compact, toast, errorBox, busy, fmtTime, fmtNum, renderAnswer, state } from './console.js';

export async function render(root) {
  const listBox = h('div', { class: 'card', id: 'curated-list' });
  const editorBox = h('div', { id: 'curated-editor', class: 'stack' });
  root.append(editorBox, listBox);

  async function loadList() {
    let page;
    try { page = await api('/v1/admin/curated'); } catch (e) { listBox.replaceChildren(errorBox(e)); return; }
    const add = h('button', { type: 'button', class: 'btn primary small' }, '新建标注回复');
    add.addEventListener('click', () => openEditor({ question: '', citations: [] }));
    listBox.replaceChildren(
      h('div', { class: 'card-head' }, h('h2', {}, '标注回复'),
        h('span', { class: 'muted' }, `新问题与标注问题的相似度 ≥ ${fmtNum(page.threshold, 2)} 时直接给出${page.enabled ? '' : '（当前已停用）'}`), add),
      page.items.length ? h('table', { class: 'table', 'aria-label': '标注回复列表' },
        h('thead', {}, h('tr', {}, ['问题', '引用段落', '状态', '更新时间', '操作'].map((t) => h('th', {}, t)))),
        h('tbody', {}, page.items.map(({ curated: c, stale }) => {
          const edit = h('button', { type: 'button', class: 'btn small' }, '编辑');
          edit.addEventListener('click', () => openEditor({ ...c, citations: c.passages }));
          const del = h('button', { type: 'button', class: 'btn small danger' }, '删除');
          del.addEventListener('click', busy(del, async () => {
            if (!confirm('确定删除这条标注回复？')) return;
            try { await api(`/v1/admin/curated/${c.curated_id}`, { method: 'DELETE' }); toast('已删除。'); await loadList(); }
            catch (e) { toast(e.message, 'error'); }
          }));
          return h('tr', {},
            h('td', { class: 'strong' }, c.question),
            h('td', {}, h('ul', { class: 'plain' }, c.passages.map((p) => h('li', {}, `《${p.title}》${p.locator}`)))),
            h('td', {}, h('span', { class: 'tag ' + (stale ? 'warn' : 'ok') }, stale ? '段落已变更，未生效' : '生效中')),
            h('td', { class: 'muted' }, fmtTime(c.updated_at)),
            h('td', { class: 'actions' }, edit, del));
        }))) : h('p', { class: 'empty' }, '还没有标注回复。可在“反馈审阅”中从差评问题制作。'));
  }

  function openEditor(draft) {
    const selected = new Map(); // chunk_id -> passage {chunk_id, title, locator, text}
    const candidates = new Map();
    for (const c of draft.citations || []) {
      const p = { chunk_id: c.chunk_id, title: c.title, locator: c.locator, text: c.quote || '' };
      candidates.set(p.chunk_id, p);
      if (draft.curated_id) selected.set(p.chunk_id, p);
    }
    const question = h('input', { id: 'cu-question', type: 'text', value: draft.question || '', maxlength: 500 });
    const search = h('input', { id: 'cu-search', type: 'search', placeholder: '检索知识库中的段落', value: draft.question || '' });
    const searchBtn = h('button', { type: 'button', class: 'btn' }, '检索段落');
    const candBox = h('div', { class: 'candidates', 'aria-label': '候选段落', role: 'group' });
    const chosenBox = h('ol', { class: 'chosen', 'aria-label': '已选段落' });
    const preview = h('div', { class: 'preview' });
    const save = h('button', { type: 'button', class: 'btn primary' }, draft.curated_id ? '保存修改' : '保存标注回复');
    const cancel = h('button', { type: 'button', class: 'btn ghost' }, '取消');
    const error = h('div', {});

    function drawCandidates() {
      candBox.replaceChildren(...[...candidates.values()].map((p) => {
        const box = h('input', { type: 'checkbox', checked: selected.has(p.chunk_id), 'aria-label': `选用《${p.title}》${p.locator}` });
        box.addEventListener('change', () => { if (box.checked) selected.set(p.chunk_id, p); else selected.delete(p.chunk_id); drawChosen(); });
        return h('label', { class: 'candidate' + (selected.has(p.chunk_id) ? ' on' : '') }, box,
          h('div', {}, h('div', { class: 'strong' }, `《${p.title}》${p.locator}`), h('p', { class: 'candidate-text' }, compact(p.text))));
      }));
      if (!candidates.size) candBox.append(h('p', { class: 'empty' }, '检索知识库后勾选段落。'));
    }
    function drawChosen() {
      chosenBox.replaceChildren(...[...selected.values()].map((p, i) => h('li', {}, h('b', {}, `[${i + 1}] 《${p.title}》${p.locator}`), h('blockquote', {}, compact(p.text)))));
      if (!selected.size) chosenBox.append(h('li', { class: 'empty' }, '尚未选择段落。'));
      for (const label of candBox.querySelectorAll('.candidate')) label.classList.toggle('on', label.querySelector('input').checked);
    }
    searchBtn.addEventListener('click', busy(searchBtn, async () => {
      if (!search.value.trim()) return;
      try {
        const r = await api('/v1/search', { method: 'POST', body: { query: search.value, top_k: 8 } });
        for (const x of r.hits) if (!candidates.has(x.chunk_id)) candidates.set(x.chunk_id, { chunk_id: x.chunk_id, title: x.title, locator: x.locator, text: x.text });
        // fill in the full text of passages that came from a citation's quote
        for (const x of r.hits) candidates.get(x.chunk_id).text = x.text;
        drawCandidates(); drawChosen();
      } catch (e) { error.replaceChildren(errorBox(e)); }
    }));
    save.addEventListener('click', busy(save, async () => {
      error.replaceChildren();
      const body = { question: question.value, passages: [...selected.values()].map((p) => ({ chunk_id: p.chunk_id })),
        source_answer_id: draft.source_answer_id || null, feedback_id: draft.feedback_id || null };
      if (!body.question.trim()) { error.replaceChildren(h('div', { class: 'alert error', role: 'alert' }, '请填写问题。')); return; }
      if (!body.passages.length) { error.replaceChildren(h('div', { class: 'alert error', role: 'alert' }, '请至少选择一个段落。')); return; }
      try {
        const saved = draft.curated_id
          ? await api(`/v1/admin/curated/${draft.curated_id}`, { method: 'PUT', body })
          : await api('/v1/admin/curated', { method: 'POST', body });
        toast('标注回复已保存，相同或相近的问题将直接给出该回答。');
        const check = await api('/v1/console/hittest', { method: 'POST', body: { question: saved.question, top_k: 5 } });
        preview.replaceChildren(h('h3', {}, '保存后的效果（命中测试）'), renderAnswer(check.answer));
        await loadList();
      } catch (e) { error.replaceChildren(errorBox(e)); }
    }));
    cancel.addEventListener('click', () => editorBox.replaceChildren());

    editorBox.replaceChildren(h('section', { class: 'card editor', 'aria-label': '编辑标注回复' },
      h('div', { class: 'card-head' }, h('h2', {}, draft.curated_id ? '编辑标注回复' : '新建标注回复'),
        draft.feedback_id ? h('span', { class: 'muted' }, '来自学员差评，保存后该反馈标记为已处理') : null),
      h('label', { class: 'field wide' }, h('span', {}, '问题'), question),
      h('div', { class: 'split even' },
        h('div', {}, h('h3', {}, '候选段落'), h('div', { class: 'row' }, h('label', { for: 'cu-search', class: 'sr-only' }, '检索段落'), search, searchBtn), candBox),
        h('div', {}, h('h3', {}, '答案（按顺序引用所选段落原文）'), chosenBox)),
      error, h('div', { class: 'actions' }, save, cancel), preview));
    drawCandidates(); drawChosen();
    editorBox.scrollIntoView({ block: 'start' });
    question.focus();
  }

  await loadList();
  if (state.draft) { const d = state.draft; state.draft = null; openEditor(d); }
}
