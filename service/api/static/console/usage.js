// 使用统计: questions per day, refusal rate, top refused questions, feedback counts; log retention purge.
import { api, h, toast, errorBox, busy, fmtTime } from './console.js';

export async function render(root) {
  const days = h('select', { id: 'us-days', 'aria-label': '统计天数' }, [7, 30, 90].map((d) => h('option', { value: d, selected: d === 30 }, `最近 ${d} 天`)));
  const body = h('div', { class: 'stack' });
  root.append(h('div', { class: 'row' }, days), body);
  async function load() {
    let s;
    try { s = await api('/v1/admin/usage?days=' + days.value); } catch (e) { body.replaceChildren(errorBox(e)); return; }
    const down = Object.entries(s.feedback).filter(([k]) => k.startsWith('down:'));
    const max = Math.max(1, ...s.per_day.map((d) => d.questions));
    const purge = h('button', { type: 'button', class: 'btn danger' }, '立即清理过期日志');
    purge.addEventListener('click', busy(purge, async () => {
      if (!confirm(`将删除 ${s.retention_days} 天以前的问答与反馈记录，确定吗？`)) return;
      try { const r = await api('/v1/admin/logs/purge', { method: 'POST' });
        toast(r.cutoff ? `已清理 ${r.answers} 条回答、${r.feedback} 条反馈、${r.conversations} 个会话。` : '未设置保留期限，无需清理。'); await load(); }
      catch (e) { toast(e.message, 'error'); }
    }));
    body.replaceChildren(
      h('div', { class: 'kpis' },
        kpi('提问数', s.questions), kpi('拒答率', s.refusal_rate === null ? '—' : (s.refusal_rate * 100).toFixed(1) + '%'),
        kpi('标注回复命中', s.curated), kpi('好评 / 差评', `${s.feedback.up || 0} / ${s.feedback.down || 0}`)),
      h('section', { class: 'card', 'aria-label': '每日提问数' },
        h('div', { class: 'card-head' }, h('h2', {}, '每日提问'), h('span', { class: 'legend' }, h('i', { class: 'sw q' }), '提问', h('i', { class: 'sw r' }), '拒答')),
        h('div', { class: 'bars', role: 'img', 'aria-label': `最近 ${s.days} 天每日提问数` }, s.per_day.map((d) =>
          h('div', { class: 'bar', title: `${d.day}：提问 ${d.questions}，拒答 ${d.refused}` },
            h('div', { class: 'bar-fill', style: `height:${(100 * d.questions) / max}%` },
              h('div', { class: 'bar-refused', style: `height:${d.questions ? (100 * d.refused) / d.questions : 0}%` })),
            h('div', { class: 'bar-label' }, d.day.slice(5)))))),
      h('div', { class: 'split even' },
        h('section', { class: 'card', 'aria-label': '拒答最多的问题' }, h('div', { class: 'card-head' }, h('h2', {}, '拒答最多的问题')),
          s.top_refused.length ? h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, '问题'), h('th', { class: 'num' }, '次数'))),
            h('tbody', {}, s.top_refused.map((r) => h('tr', {}, h('td', {}, r.question), h('td', { class: 'num' }, r.count))))) : h('p', { class: 'empty' }, '暂无拒答。')),
        h('section', { class: 'card', 'aria-label': '差评原因' }, h('div', { class: 'card-head' }, h('h2', {}, '差评原因')),
          down.length ? h('table', { class: 'table' }, h('tbody', {}, down.map(([k, v]) => h('tr', {}, h('td', {}, k.slice(5)), h('td', { class: 'num' }, v))))) : h('p', { class: 'empty' }, '暂无差评。'))),
      h('section', { class: 'card', 'aria-label': '日志保留' },
        h('div', { class: 'card-head' }, h('h2', {}, '日志保留'), purge),
        h('p', {}, s.retention_days ? `问答日志与反馈保留 ${s.retention_days} 天（STUDY_LOG_RETENTION_DAYS），更早的记录在服务启动时和点击清理时删除。统计自 ${fmtTime(s.since)} 起。` : '未设置保留期限（STUDY_LOG_RETENTION_DAYS=0），日志永久保留。')));
  }
  days.addEventListener('change', load);
  await load();
}

function kpi(label, value) {
  return h('div', { class: 'kpi card' }, h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value));
}
