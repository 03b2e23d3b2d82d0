// 命中测试: one question → hits with both legs' scores, the exact lookup, curated candidates,
// the answer that would be given and the refusal decision with its reason.
import { api, h, errorBox, busy, fmtNum, renderAnswer } from './console.js';

const REASONS = {
  supported: '证据充分：问题要点被引用内容覆盖',
  article: '精确条文查询：直接给出原文',
  curated: '命中标注回复：直接给出管理员确认的答案',
  no_hits: '没有可引用的依据：检索结果中找不到能回答问题的句子',
  no_terms: '问题中没有可检索的要点',
  off_topic: '问题属于知识库之外的话题',
  no_number: '问题问数量，但答案中没有数字',
  low_support: '证据不足：问题要点覆盖度 + 向量相似度加成低于阈值',
};

export async function render(root) {
  const input = h('input', { id: 'ht-question', type: 'search', placeholder: '输入学员会问的问题，如：预备党员的预备期是多长时间？', maxlength: 500 });
  const topk = h('select', { id: 'ht-topk', 'aria-label': '返回条数' }, [5, 10, 20].map((k) => h('option', { value: k, selected: k === 10 }, `前 ${k} 条`)));
  const run = h('button', { type: 'submit', class: 'btn primary' }, '测试');
  const form = h('form', { class: 'card', 'aria-label': '命中测试' },
    h('div', { class: 'card-head' }, h('h2', {}, '命中测试'), h('span', { class: 'muted' }, '查看问题的检索命中、得分和回答决策；不会记入日志')),
    h('div', { class: 'row' }, h('label', { for: 'ht-question', class: 'sr-only' }, '测试问题'), input, topk, run));
  const out = h('div', { id: 'ht-result', class: 'stack' });
  root.append(form, out);
  form.addEventListener('submit', busy(run, async (ev) => {
    ev.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    run.textContent = '检索中…';
    try {
      const r = await api('/v1/console/hittest', { method: 'POST', body: { question: input.value, top_k: Number(topk.value) } });
      out.replaceChildren(...result(r));
    } catch (e) { out.replaceChildren(errorBox(e)); }
  }));
  input.focus();
}

function result(r) {
  const d = r.refusal;
  const decision = h('section', { class: 'card decision', 'aria-label': '回答决策' },
    h('div', { class: 'card-head' }, h('h2', {}, '将给出的回答'),
      d ? h('span', { class: 'tag ' + (d.refuse ? 'warn' : 'ok'), id: 'ht-decision' }, d.refuse ? '拒答' : '作答') : null),
    d ? h('div', { class: 'metrics' },
      metric('决策原因', REASONS[d.reason] || d.reason, d.reason),
      metric('要点覆盖度', fmtNum(d.coverage)),
      metric('支持度', fmtNum(d.support)),
      metric('向量基准阈值', fmtNum(d.threshold, 2))) : null,
    r.query !== r.question ? h('p', { class: 'muted' }, '检索使用的问题：', r.query) : null,
    renderAnswer(r.answer));
  const parts = [decision];
  if (r.curated.length) {
    parts.push(h('section', { class: 'card', 'aria-label': '标注回复候选' },
      h('div', { class: 'card-head' }, h('h2', {}, '标注回复候选'), h('span', { class: 'muted' }, `相似度达到 ${fmtNum(r.curated[0].threshold, 2)} 才会采用`)),
      table(['标注的问题', '词法', '向量', '综合', '采用'], r.curated.map((c) => [c.question, fmtNum(c.lexical), fmtNum(c.dense), fmtNum(c.score), c.applied ? '是' : '否']))));
  }
  parts.push(h('section', { class: 'card', 'aria-label': '精确条文查找' },
    h('div', { class: 'card-head' }, h('h2', {}, '精确条文查找'), h('span', { class: 'muted' }, '问题点名“第几条”时直接取原文')),
    r.lookup.length ? hitTable(r.lookup, ['lookup']) : h('p', { class: 'empty' }, '未命中（问题没有点名具体条文）。')));
  parts.push(h('section', { class: 'card', 'aria-label': '融合检索结果' },
    h('div', { class: 'card-head' }, h('h2', {}, '融合检索结果'), h('span', { class: 'muted' }, '词法（BM25）与向量两路得分，融合后排序')),
    hitTable(r.fused, ['fused', 'lexical', 'dense'])));
  parts.push(h('details', { class: 'card' }, h('summary', {}, '两路各自的前几名'),
    h('div', { class: 'split even' },
      h('div', {}, h('h3', {}, '词法检索'), hitTable(r.lexical, ['lexical'])),
      h('div', {}, h('h3', {}, '向量检索'), hitTable(r.dense, ['dense'])))));
  return parts;
}

function metric(label, value, code) {
  return h('div', { class: 'metric' }, h('div', { class: 'metric-label' }, label), h('div', { class: 'metric-value', dataset: code ? { code } : undefined }, value));
}

const SCORE_NAMES = { fused: '融合分', lexical: '词法分', dense: '向量分', lookup: '查找' };

function hitTable(hits, keys) {
  if (!hits.length) return h('p', { class: 'empty' }, '无结果。');
  return h('table', { class: 'table hits' },
    h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, '来源'), keys.map((k) => h('th', { class: 'num' }, SCORE_NAMES[k])), h('th', {}, '内容'))),
    h('tbody', {}, hits.map((x, i) => h('tr', {},
      h('td', { class: 'num' }, i + 1),
      h('td', { class: 'src' }, h('div', { class: 'strong' }, `《${x.title}》`), h('div', { class: 'muted' }, x.locator)),
      keys.map((k) => h('td', { class: 'num mono' }, x.scores[k] === undefined ? '—' : fmtNum(x.scores[k]))),
      h('td', {}, h('details', { class: 'snippet' }, h('summary', {}, x.text.slice(0, 60) + (x.text.length > 60 ? '…' : '')), h('p', {}, x.text)))))));
}

function table(head, rows) {
  return h('table', { class: 'table' }, h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}
