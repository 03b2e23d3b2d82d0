// 反馈审阅: thumbs-down answers with reason and comment, the question, the answer shown and its citations.
import { api, h, toast, errorBox, busy, fmtTime, renderAnswer, state } from './console.js';

const REASONS = ['引用错误', '答案不完整', '答案错误', '其他'];

export async function render(root) {
  const rating = select('fb-rating', '评价', [['down', '差评'], ['up', '好评'], ['', '全部']]);
  const reason = select('fb-reason', '原因', [['', '全部原因'], ...REASONS.map((r) => [r, r])]);
  const handled = select('fb-handled', '状态', [['false', '未处理'], ['true', '已处理'], ['', '全部']]);
  const since = h('input', { type: 'date', id: 'fb-since', 'aria-label': '起始日期' });
  const until = h('input', { type: 'date', id: 'fb-until', 'aria-label': '结束日期' });
  const apply = h('button', { type: 'submit', class: 'btn primary' }, '筛选');
  const filters = h('form', { class: 'card filters', 'aria-label': '筛选反馈' },
    h('div', { class: 'row wrap' }, field('评价', rating), field('原因', reason), field('状态', handled),
      field('起始日期', since), field('结束日期', until), apply));
  const list = h('div', { id: 'fb-list', class: 'stack' });
  root.append(filters, list);

  async function load() {
    const q = new URLSearchParams();
    q.set('rating', rating.value); if (!rating.value) q.delete('rating');
    if (reason.value) q.set('reason', reason.value);
    if (handled.value) q.set('handled', handled.value);
    if (since.value) q.set('since', since.value);
    if (until.value) q.set('until', until.value);
    q.set('limit', '100');
    let page;
    try { page = await api('/v1/admin/feedback?' + q.toString()); } catch (e) { list.replaceChildren(errorBox(e)); return; }
    list.replaceChildren(h('p', { class: 'muted count' }, `共 ${page.total} 条`),
      ...(page.items.length ? page.items.map(card) : [h('p', { class: 'card empty' }, '没有符合条件的反馈。')]));
  }

  function card(f) {
    const toggle = h('button', { type: 'button', class: 'btn small' }, f.handled_at ? '重新打开' : '标记已处理');
    toggle.addEventListener('click', busy(toggle, async () => {
      try { await api(`/v1/admin/feedback/${f.feedback_id}/handled`, { method: 'POST', body: { handled: !f.handled_at } });
        toast(f.handled_at ? '已重新打开。' : '已标记为已处理。'); await load(); }
      catch (e) { toast(e.message, 'error'); }
    }));
    const curate = h('button', { type: 'button', class: 'btn small primary' }, '制作标注回复');
    curate.addEventListener('click', () => {
      state.draft = { question: f.question, citations: f.answer.citations || [], source_answer_id: f.answer_id, feedback_id: f.feedback_id };
      location.hash = '#/curated';
    });
    return h('article', { class: 'card feedback', dataset: { feedbackId: f.feedback_id } },
      h('div', { class: 'card-head' },
        h('h3', { class: 'question' }, f.question),
        h('div', { class: 'badges' },
          h('span', { class: 'tag ' + (f.rating === 'down' ? 'warn' : 'ok') }, f.rating === 'down' ? '差评' : '好评'),
          f.reason ? h('span', { class: 'tag' }, f.reason) : null,
          h('span', { class: 'tag ' + (f.handled_at ? 'ok' : 'info') }, f.handled_at ? `已处理 · ${f.handled_by || ''}` : '未处理'))),
      h('p', { class: 'muted' }, fmtTime(f.created_at)),
      f.comment ? h('p', { class: 'comment' }, h('b', {}, '学员说明：'), f.comment) : null,
      h('details', { class: 'shown', open: true }, h('summary', {}, '当时给出的回答'), renderAnswer(f.answer)),
      h('div', { class: 'actions' }, curate, toggle));
  }

  filters.addEventListener('submit', busy(apply, async (ev) => { ev.preventDefault(); await load(); }));
  await load();
}

function select(id, label, options) {
  return h('select', { id, 'aria-label': label }, options.map(([v, t]) => h('option', { value: v }, t)));
}

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
