// mpadvisor's page: the interview, the diagnosis, the plan, "what if", rejection messages and
// the step graph, all on the server's JSON API (/openapi.json). The applicant's answers live
// only in this page and in the link's fragment (#profile=…), which browsers never send.
'use strict';

// A range of days, to the nearest half day.
const days = (lo, hi) => {
  const r = x => String(Math.round(x * 2) / 2);
  return r(lo) === r(hi) ? r(lo) : `${r(lo)}–${r(hi)}`;
};

const WORDS = {
  en: {
    app_title: 'Personal Mini Program advisor',
    app_lede: 'Registering a personal WeChat Mini Program: what blocks you, why, and what to do next.',
    lang_note: 'Switch the page to Chinese',
    restart: 'Start over',
    noscript: 'This page needs JavaScript. The same answers are available from the command line: mpadvisor interview.',
    bad_link: 'This link does not hold a profile that can be read; the questions start afresh.',
    interview_heading: 'A few questions',
    why_asked: 'Why is this asked?',
    answer: 'Next', skip: "I don't know", back: 'Back', finish: 'Show my result now',
    yes: 'Yes', no: 'No',
    list_hint: 'One item per line.',
    example: 'For example: ',
    progress: n => `At most ${n} more question${n === 1 ? '' : 's'}.`,
    settled: 'Your result can no longer change; the remaining questions only refine warnings.',
    need_answer: 'Please answer, or choose "I don\'t know".',
    result_heading: 'Your result',
    verdict_clear: 'Nothing blocks you.',
    verdict_blocked: 'Something blocks you.',
    verdict_needs_info: 'More information is needed to decide.',
    root_blockers: 'What blocks you',
    blocks_steps: 'It holds up: ',
    evidence: 'Why we think so',
    fact_value: (fact, value) => `${fact}: ${value}`,
    yes: 'yes',
    no: 'no',
    unknown_value: 'unknown',
    none_value: 'none',
    quoted: text => `"${text}"`,
    list_separator: ', ',
    contains: (matched, term, list) => ` — contains “${matched}” (term “${term}” of “${list}”)`,
    labelled: (label, text) => `${label}: ${text}`,
    cause_at: (cause, step) => `${cause} (at ${step})`,
    step_done: step => `${step} is done`,
    step_not_done: step => `${step} is not done`,
    fixes: 'How to fix it',
    sources: 'Source',
    needs_heading: 'Still unknown',
    warnings_heading: 'Warnings',
    likelihood: { low: 'low risk', medium: 'medium risk', high: 'high risk' },
    next_heading: 'You can do now',
    share_link: 'Link to this result',
    share_note: '(your answers are in the link itself and are never sent to the server with it)',
    plan_heading: 'What to do, in order',
    plan_none: 'Nothing needs repairing. The way to release:',
    plan_unresolvable: 'These cannot be fixed by a change you can make:',
    plan_n: n => `Plan ${n}`,
    plan_cost: (cny, lo, hi) => `¥${cny}, ${days(lo, hi)} days`,
    plan_window: (a, b) => (a === b ? `Live on ${a}` : `Live between ${a} and ${b}`),
    money: cny => `¥${cny}`,
    aside: text => ` (${text})`,
    plan_try: 'Try this plan in "what if"',
    irreversible: 'cannot be undone',
    whatif_heading: 'What if I change something?',
    whatif_suggested: 'Changes the plan suggests:',
    whatif_fact: 'Fact to change',
    whatif_value: 'New value',
    whatif_try: 'Try it', whatif_apply: 'Keep this change',
    whatif_before_after: (a, b) => `Before: ${a}. After: ${b}.`,
    whatif_resolved: 'Resolved', whatif_introduced: 'New problems', whatif_unchanged: 'Still there',
    whatif_nothing: 'This change makes no difference to the blockers.',
    rejection_heading: 'I was rejected: why?',
    rejection_label: 'Paste the rejection message',
    rejection_stage: 'At which step (optional)',
    rejection_any: 'Not sure',
    rejection_rank: 'Find the cause',
    rejection_none: 'No known cause matches this message.',
    rejection_causes: 'Most likely causes',
    rejection_similar: 'Similar past cases',
    confidence: c => `${Math.round(c * 100)}% match`,
    graph_heading: 'The steps',
    graph_alt: 'The registration steps, coloured by status',
    loading: 'Working…',
    footer: 'mpadvisor: a rule-based advisor. Its rules cite the official guides and applicants\' published accounts; it is not the platform and cannot promise a review\'s outcome.',
    failed: 'The server could not answer: ',
  },
  zh: {
    app_title: '个人小程序注册顾问',
    app_lede: '注册个人微信小程序：哪里卡住了、为什么、下一步怎么做。',
    lang_note: '将页面切换为英文',
    restart: '重新开始',
    noscript: '本页面需要 JavaScript。命令行同样可以回答：mpadvisor interview。',
    bad_link: '这个链接里的资料无法读取，问答将从头开始。',
    interview_heading: '先回答几个问题',
    why_asked: '为什么问这个？',
    answer: '下一题', skip: '我不知道', back: '上一题', finish: '现在查看结果',
    yes: '是', no: '否',
    list_hint: '每行一项。',
    example: '例如：',
    progress: n => `最多还有 ${n} 个问题。`,
    settled: '结论已不会再变；剩下的问题只会细化提醒。',
    need_answer: '请作答，或选择“我不知道”。',
    result_heading: '诊断结果',
    verdict_clear: '目前没有阻碍。',
    verdict_blocked: '有问题阻碍你继续。',
    verdict_needs_info: '还需要更多信息才能判断。',
    root_blockers: '阻碍你的问题',
    blocks_steps: '它卡住了：',
    evidence: '判断依据',
    fact_value: (fact, value) => `${fact}：${value}`,
    yes: '是',
    no: '否',
    unknown_value: '未知',
    none_value: '无',
    quoted: text => `“${text}”`,
    list_separator: '、',
    contains: (matched, term, list) => ` — 含“${matched}”（词表“${list}”中的“${term}”）`,
    labelled: (label, text) => `${label}：${text}`,
    cause_at: (cause, step) => `${cause}（${step}）`,
    step_done: step => `${step} 已完成`,
    step_not_done: step => `${step} 未完成`,
    fixes: '怎么解决',
    sources: '来源',
    needs_heading: '尚不清楚的信息',
    warnings_heading: '提醒',
    likelihood: { low: '风险低', medium: '风险中等', high: '风险高' },
    next_heading: '现在可以做的',
    share_link: '本结果的链接',
    share_note: '（你的回答保存在链接本身，打开链接时不会发送给服务器）',
    plan_heading: '按顺序该做什么',
    plan_none: '没有需要修复的问题。上线的步骤如下：',
    plan_unresolvable: '以下问题无法通过你能做的修改解决：',
    plan_n: n => `方案 ${n}`,
    plan_cost: (cny, lo, hi) => `${cny} 元，${days(lo, hi)} 天`,
    plan_window: (a, b) => (a === b ? `预计上线时间：${a} 当天` : `预计上线时间：${a} 至 ${b}`),
    money: cny => `${cny} 元`,
    aside: text => `（${text}）`,
    plan_try: '在“如果修改”中试试这个方案',
    irreversible: '不可撤销',
    whatif_heading: '如果我修改一项会怎样？',
    whatif_suggested: '方案建议的修改：',
    whatif_fact: '要修改的信息',
    whatif_value: '新的值',
    whatif_try: '试一试', whatif_apply: '采用这个修改',
    whatif_before_after: (a, b) => `修改前：${a}；修改后：${b}。`,
    whatif_resolved: '已解决', whatif_introduced: '新出现的问题', whatif_unchanged: '仍然存在',
    whatif_nothing: '这个修改不影响阻碍。',
    rejection_heading: '被驳回了：为什么？',
    rejection_label: '粘贴驳回信息',
    rejection_stage: '在哪一步被驳回（可不填）',
    rejection_any: '不确定',
    rejection_rank: '查找原因',
    rejection_none: '没有已知原因与这条信息相符。',
    rejection_causes: '最可能的原因',
    rejection_similar: '相似的过往案例',
    confidence: c => `匹配度 ${Math.round(c * 100)}%`,
    graph_heading: '流程步骤',
    graph_alt: '注册流程的各个步骤，按状态着色',
    loading: '处理中…',
    footer: 'mpadvisor：基于规则的顾问。规则引用官方指引和申请者公开的经历；它不是平台本身，不能保证审核结果。',
    failed: '服务器未能回答：',
  },
};

const state = {
  lang: (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en',
  kb: null,            // GET /v1/kb
  profile: {},         // the answers so far
  skipped: [],         // facts answered "I don't know"
  history: [],         // facts in the order answered or skipped, for "back"
  question: null,      // the question on screen
  readInput: null,     // reads the answer from the question's controls
  whatifRead: null,
  pendingChange: null, // the change "what if" tried last: {fact, value}
  mode: 'interview',   // or 'result'
};

const $ = id => document.getElementById(id);
const w = key => WORDS[state.lang][key];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// --- the link's fragment: base64url of the profile's UTF-8 JSON -------------------------
function encodeProfile(profile) {
  const bytes = new TextEncoder().encode(JSON.stringify(profile));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function decodeProfile(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '==='.slice((b64.length + 3) % 4));
  const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
  const value = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a profile');
  return value;
}
function profileFromHash() {
  const m = /^#profile=([A-Za-z0-9_-]+={0,2})$/.exec(location.hash);
  if (!m) return null;
  // A damaged link is the page's own finding, not the server's: said in the page's words.
  try { return decodeProfile(m[1]); } catch (_) { showNotice(w('bad_link')); return null; }
}

// --- talking to the API -----------------------------------------------------------------
async function call(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify({ ...body, lang: state.lang }),
  });
  const type = response.headers.get('content-type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error(payload && payload.detail ? payload.detail : response.statusText);
    error.status = response.status;
    throw error;
  }
  return payload;
}
// The server's failures; a successful call clears them, but not a notice of the page's own.
function showError(message) {
  if (!message && $('error').dataset.kind !== 'error') return;
  showNotice(message ? w('failed') + message : '', 'error');
}
function showNotice(text, kind = 'notice') {
  const box = $('error');
  box.textContent = text;
  box.dataset.kind = kind;
  box.hidden = !text;
}
function busy(on) { $('status').textContent = on ? w('loading') : ''; }

// --- answer controls, shared by the interview and "what if" -----------------------------
// Builds the controls for a fact's type inside `container`; returns a function that reads the
// value (undefined when nothing was given). `current` pre-fills them.
function answerControls(container, fact, current, labelledBy) {
  container.replaceChildren();
  const name = 'v-' + container.id;
  const choices = fact.choices || [];
  const titleOf = c => (typeof c.title === 'object' ? c.title[state.lang] : c.title) || c.value;
  if (fact.type === 'bool') {
    const group = el('div', { role: 'radiogroup', 'aria-labelledby': labelledBy });
    for (const [v, label] of [[true, w('yes')], [false, w('no')]]) {
      const id = `${name}-${v}`;
      group.append(el('div', { class: 'choice' },
        el('input', { type: 'radio', name, id, value: String(v), checked: current === v }),
        el('label', { for: id, text: label })));
    }
    container.append(group);
    return () => { const c = container.querySelector('input:checked'); return c ? c.value === 'true' : undefined; };
  }
  if (fact.type === 'enum' || fact.type === 'set') {
    const multi = fact.type === 'set';
    const group = el('div', { role: multi ? 'group' : 'radiogroup', 'aria-labelledby': labelledBy });
    choices.forEach((c, i) => {
      const id = `${name}-${i}`;
      const checked = multi ? Array.isArray(current) && current.includes(c.value) : current === c.value;
      group.append(el('div', { class: 'choice' },
        el('input', { type: multi ? 'checkbox' : 'radio', name, id, value: c.value, checked }),
        el('label', { for: id, text: titleOf(c) })));
    });
    container.append(group);
    return () => {
      const picked = [...container.querySelectorAll('input:checked')].map(i => i.value);
      return multi ? picked : picked[0];
    };
  }
  if (fact.type === 'list') {
    const area = el('textarea', { id: name, rows: 3, 'aria-labelledby': labelledBy, 'aria-describedby': name + '-hint' });
    area.value = Array.isArray(current) ? current.join('\n') : '';
    container.append(area, el('p', { class: 'help', id: name + '-hint', text: w('list_hint') }));
    return () => area.value.split('\n').map(s => s.trim()).filter(Boolean);
  }
  const types = { number: 'number', date: 'date', datetime: 'datetime-local' };
  const input = el('input', { id: name, type: types[fact.type] || 'text', 'aria-labelledby': labelledBy });
  if (fact.type === 'number') input.setAttribute('step', 'any');
  if (current !== undefined && current !== null) input.value = String(current).slice(0, fact.type === 'datetime' ? 16 : undefined);
  container.append(input);
  return () => {
    const v = input.value.trim();
    if (v === '') return undefined;
    if (fact.type === 'number') return Number(v);
    if (fact.type === 'datetime') return v.length === 16 ? v + ':00' : v;
    return v;
  };
}
function stepTitle(name) {
  const step = state.kb ? state.kb.steps.find(s => s.step === name) : null;
  return step ? step.title[state.lang] || name : name;
}
const factNamed = name => (state.kb ? state.kb.facts.find(f => f.fact === name) : null);

// --- the interview ------------------------------------------------------------------------
async function nextQuestion() {
  busy(true);
  try {
    const answer = await call('/v1/interview/next', { profile: state.profile, skipped: state.skipped });
    showError('');
    if (answer.question) showQuestion(answer.question);
    else showResult(answer.done.diagnosis);
  } catch (e) {
    showError(e.message);
  } finally {
    busy(false);
  }
}

function showQuestion(q) {
  state.mode = 'interview';
  state.question = q;
  $('interview').hidden = false;
  for (const id of ['result', 'plan', 'whatif', 'rejection', 'graph']) $(id).hidden = true;
  $('question-form').dataset.fact = q.fact;
  $('question-form').dataset.type = q.type;
  $('question-text').textContent = q.text || q.fact;
  $('question-help').textContent = q.help;
  $('question-example').textContent = q.example ? w('example') + q.example : '';
  $('question-error').hidden = true;
  state.readInput = answerControls($('question-input'), q, state.profile[q.fact], 'question-text');
  const why = $('question-why-list');
  why.replaceChildren(...q.why.map(r => el('li', { text: r.step ? w('cause_at')(r.title, stepTitle(r.step)) : r.title })));
  $('question-progress').textContent = q.settled ? w('settled') : w('progress')(q.remaining_max);
  $('finish').hidden = !q.settled;
  $('back').disabled = state.history.length === 0;
  $('question-text').focus();
}

function answerQuestion(event) {
  event.preventDefault();
  const value = state.readInput();
  const empty = value === undefined || (Array.isArray(value) && value.length === 0 && state.question.type !== 'set');
  if (empty) {
    $('question-error').textContent = w('need_answer');
    $('question-error').hidden = false;
    return;
  }
  state.profile[state.question.fact] = value;
  state.history.push(state.question.fact);
  nextQuestion().then(() => {
    // A value the server refused comes back as an error: take it back and ask again.
    if (!$('error').hidden && state.question) undoLast();
  });
}
function undoLast() {
  const fact = state.history.pop();
  if (fact === undefined) return;
  delete state.profile[fact];
  state.skipped = state.skipped.filter(f => f !== fact);
}
function skipQuestion() {
  state.skipped.push(state.question.fact);
  state.history.push(state.question.fact);
  nextQuestion();
}
function goBack() {
  undoLast();
  nextQuestion();
}
async function finishNow() {
  await diagnoseAndShow();
}

// --- the result -------------------------------------------------------------------------
async function diagnoseAndShow() {
  busy(true);
  try {
    showResult(await call('/v1/diagnose', { profile: state.profile }));
    showError('');
  } catch (e) {
    showError(e.message);
  } finally {
    busy(false);
  }
}

function sourceText(s) {
  return [s.title, s.section, s.ref].filter(Boolean).join(' · ');
}

// A value as the KB spells it in evidence (docs/json.md), in words: yes or no, a choice as the
// question offers it, texts in the language's quotation marks, "none" for an empty list;
// numbers and dates as they are. The command line words values the same way.
const choiceTitle = (fact, value) => {
  const c = (fact.choices || []).find(c => c.value === value);
  return c ? c.title[state.lang] : value;
};
// A moment as the command line writes it: "2026-11-25 09:00".
const minuteText = spelled => (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(spelled) ? spelled.slice(0, 16).replace('T', ' ') : spelled);

// One value in words, as the command line says it (render/src/value_words.hpp): yes or no, a
// choice's title, a quoted text, a moment to the minute; for a list fact, one item.
function oneValueWords(fact, value) {
  if (fact.type === 'bool') return w(value === 'true' ? 'yes' : 'no');
  if (fact.type === 'enum' || fact.type === 'set') return choiceTitle(fact, value);
  if (fact.type === 'text' || fact.type === 'list') return w('quoted')(value);
  return fact.type === 'datetime' ? minuteText(value) : value;
}
const listWords = (fact, items) =>
  (items.length ? items.map(v => oneValueWords(fact, v)).join(w('list_separator')) : w('none_value'));
const isList = fact => fact.type === 'set' || fact.type === 'list';

// A value as the KB spells it in evidence (docs/json.md): a text as a JSON string, a list as a
// JSON array of texts or "[a, b]"; a spelling that is none of these is shown as it is.
function shownValue(fact, spelled) {
  if (spelled === 'unknown') return w('unknown_value');
  if (fact.type !== 'text' && !isList(fact)) return oneValueWords(fact, spelled);
  if (fact.type === 'set') {
    if (!spelled.startsWith('[') || !spelled.endsWith(']')) return spelled;
    const inner = spelled.slice(1, -1);
    return listWords(fact, inner === '' ? [] : inner.split(', '));
  }
  try {
    const parsed = JSON.parse(spelled);
    if (typeof parsed === 'string') return oneValueWords(fact, parsed);
    if (Array.isArray(parsed)) return listWords(fact, parsed.map(String));
  } catch (_) {
    // shown as spelled
  }
  return spelled;
}

// A value as a plan gives it (command-line text: a list's items joined by commas), in words.
function commandLineValueText(fact, value) {
  const text = String(value);
  return isList(fact) ? listWords(fact, text.split(',').filter(Boolean)) : oneValueWords(fact, text);
}

const termListTitle = name => {
  const list = state.kb && (state.kb.term_lists || []).find(t => t.list === name);
  return list ? list.title[state.lang] : name;
};

// One piece of evidence as applicants read it: the fact's title, its value in words and the
// word a term search found, as the command line shows it; the KB's test when the fact has no
// title.
function evidenceText(e) {
  if (e.fact === 'done') return w(e.outcome === 'true' ? 'step_done' : 'step_not_done')(stepTitle(e.value));
  const fact = factNamed(e.fact);
  const title = fact && fact.title && fact.title[state.lang];
  if (!title) return `${e.test}: ${e.value}`;
  let text = w('fact_value')(title, shownValue(fact, e.value));
  if (e.match) text += w('contains')(e.match.text, e.match.term, termListTitle(e.match.list));
  return text;
}

function findingItem(f, withLikelihood) {
  // A fact tested twice is said once, as the command line groups it.
  const lines = [...new Set(f.evidence.map(evidenceText))];
  const evidence = el('ul', { class: 'evidence' }, ...lines.map(text => el('li', { text })));
  const fixes = el('ul', { class: 'fixes' }, ...f.fixes.map(x => el('li', { text: x.text })));
  const sources = el('ul', { class: 'sources' }, ...f.sources.map(s => {
    const li = el('li');
    if (/^https:\/\//.test(s.ref)) li.append(el('a', { href: s.ref, rel: 'noopener noreferrer', text: s.title || s.ref }));
    else li.textContent = sourceText(s);
    return li;
  }));
  return el('li', { 'data-cause': f.cause, class: 'finding' },
    el('h4', { text: f.title + (withLikelihood && f.likelihood ? w('aside')(w('likelihood')[f.likelihood] || f.likelihood) : '') }),
    el('p', { text: f.explanation }),
    el('details', {}, el('summary', { text: w('evidence') }), evidence),
    el('h5', { text: w('fixes') }), fixes,
    el('details', {}, el('summary', { text: w('sources') }), sources));
}

function showResult(d) {
  state.mode = 'result';
  state.question = null;
  $('interview').hidden = true;
  for (const id of ['result', 'plan', 'whatif', 'rejection', 'graph']) $(id).hidden = false;
  const verdict = $('verdict');
  verdict.dataset.verdict = d.verdict;
  verdict.className = 'verdict ' + d.verdict;
  verdict.textContent = w('verdict_' + d.verdict);

  const blockers = $('blockers');
  blockers.replaceChildren();
  const roots = d.blockers.filter(b => b.root);
  if (roots.length) {
    blockers.append(el('h3', { text: w('root_blockers') }));
    for (const b of roots) {
      blockers.append(el('div', { class: 'blocker', 'data-step': b.step },
        el('p', { class: 'step-title', text: b.title }),
        b.blocks.length ? el('p', { class: 'help', text: w('blocks_steps') + b.blocks.map(stepTitle).join(state.lang === 'zh' ? '、' : ', ') }) : null,
        el('ul', { class: 'findings' }, ...b.causes.map(f => findingItem(f, false)))));
    }
  }
  const needs = $('needs');
  needs.replaceChildren();
  if (d.needs_info.length) {
    needs.append(el('h3', { text: w('needs_heading') }),
      el('ul', {}, ...d.needs_info.map(n => el('li', { 'data-fact': n.fact, text: n.question || n.fact }))));
  }
  const warnings = $('warnings');
  warnings.replaceChildren();
  if (d.warnings.length) {
    warnings.append(el('h3', { text: w('warnings_heading') }),
      el('ul', { class: 'findings' }, ...d.warnings.map(f => findingItem(f, true))));
  }
  const next = $('next-steps');
  next.replaceChildren();
  if (d.next_steps.length) {
    next.append(el('h3', { text: w('next_heading') }), el('ul', {}, ...d.next_steps.map(s => el('li', { text: s.title }))));
  }
  const link = '#profile=' + encodeProfile(state.profile);
  $('share-link').setAttribute('href', link);
  if (location.hash !== link) history.replaceState(null, '', link);
  showPlan();
  showGraph();
  fillWhatifFacts();
  fillStages();
  $('result-heading').focus();
}

// --- the plan ---------------------------------------------------------------------------
async function showPlan() {
  const body = $('plan-body');
  body.replaceChildren();
  const suggestions = $('whatif-suggestions');
  suggestions.replaceChildren();
  let result;
  try {
    result = await call('/v1/plan', { profile: state.profile });
  } catch (e) {
    body.append(el('p', { class: 'error', text: e.message }));
    return;
  }
  const repairing = result.plans.filter(p => p.changes.length > 0);
  if (!repairing.length && !result.unresolvable.length) body.append(el('p', { text: w('plan_none') }));
  result.plans.forEach(p => {
    const t = p.total;
    body.append(el('article', { class: 'plan', 'data-rank': p.rank },
      el('h3', { text: w('labelled')(w('plan_n')(p.rank), w('plan_cost')(t.cny, t.days_min, t.days_max)) }),
      el('p', { text: w('plan_window')(p.release_window.earliest.slice(0, 10), p.release_window.latest.slice(0, 10)) }),
      el('ol', {}, ...p.actions.map(a => el('li', { 'data-action': a.id },
        a.title + (a.cost.cny ? w('aside')(w('money')(a.cost.cny)) : '') + (a.irreversible ? ` — ${w('irreversible')}` : ''))))));
  });
  if (result.unresolvable.length) {
    body.append(el('p', { text: w('plan_unresolvable') }),
      el('ul', {}, ...result.unresolvable.map(u => el('li', { 'data-cause': u.cause, text: w('labelled')(u.title, u.reason_text) }))));
  }
  // The plans' changes become one-click suggestions for "what if".
  const seen = new Set();
  for (const p of repairing) {
    for (const c of p.changes) {
      const key = c.fact + '=' + JSON.stringify(c.value);
      if (seen.has(key) || c.value === null) continue;
      seen.add(key);
      const fact = factNamed(c.fact);
      const value = fact && (fact.type === 'set' || fact.type === 'list') ? String(c.value).split(',').filter(Boolean)
        : fact && fact.type === 'bool' ? c.value === 'true'
        : fact && fact.type === 'number' ? Number(c.value) : c.value;
      suggestions.append(el('button', {
        type: 'button', class: 'suggestion', 'data-fact': c.fact,
        onclick: () => prefillWhatif(c.fact, value),
        text: `${fact ? (fact.title[state.lang] || fact.question[state.lang] || c.fact) : c.fact} → ${fact ? commandLineValueText(fact, c.value) : c.value}`,
      }));
    }
  }
  if (suggestions.childElementCount) suggestions.prepend(el('p', { text: w('whatif_suggested') }));
}

// --- what if ----------------------------------------------------------------------------
function fillWhatifFacts() {
  const select = $('whatif-fact');
  const chosen = select.value;
  select.replaceChildren(...state.kb.facts.filter(f => !f.derived).map(f =>
    el('option', { value: f.fact, text: (f.question[state.lang] || f.fact) + w('aside')(f.fact) })));
  if (chosen) select.value = chosen;
  whatifControls();
}
function whatifControls(value) {
  const fact = factNamed($('whatif-fact').value);
  if (!fact) return;
  state.whatifRead = answerControls($('whatif-input'), fact, value === undefined ? state.profile[fact.fact] : value, 'whatif-fact');
  $('whatif-apply').disabled = true;
}
function prefillWhatif(fact, value) {
  $('whatif-fact').value = fact;
  whatifControls(value);
  $('whatif-try').focus();
}
async function tryWhatif(event) {
  event.preventDefault();
  const fact = $('whatif-fact').value;
  const value = state.whatifRead ? state.whatifRead() : undefined;
  const request = { profile: state.profile };
  if (value === undefined) request.unset = [fact];
  else request.set = { [fact]: value };
  const out = $('whatif-result');
  out.replaceChildren();
  try {
    const r = await call('/v1/whatif', request);
    state.pendingChange = { fact, value };
    $('whatif-apply').disabled = false;
    out.dataset.verdictAfter = r.verdict_after;
    out.append(el('p', { class: 'verdict ' + r.verdict_after, 'data-verdict-after': r.verdict_after,
      text: w('whatif_before_after')(w('verdict_' + r.verdict_before), w('verdict_' + r.verdict_after)) }));
    const list = (key, items) => items.length ? [el('h3', { text: w(key) }),
      el('ul', { class: key }, ...items.map(f => el('li', { 'data-cause': f.cause, text: f.title })))] : [];
    out.append(...list('whatif_resolved', r.resolved), ...list('whatif_introduced', r.introduced),
      ...list('whatif_unchanged', r.unchanged));
    if (!r.resolved.length && !r.introduced.length) out.append(el('p', { text: w('whatif_nothing') }));
  } catch (e) {
    out.append(el('p', { class: 'error', role: 'alert', text: e.message }));
  }
}
function applyWhatif() {
  const change = state.pendingChange;
  if (!change) return;
  if (change.value === undefined) delete state.profile[change.fact];
  else state.profile[change.fact] = change.value;
  state.pendingChange = null;
  $('whatif-result').replaceChildren();
  diagnoseAndShow();
}

// --- rejection messages -----------------------------------------------------------------
function fillStages() {
  const select = $('rejection-stage');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: w('rejection_any') }),
    ...state.kb.steps.map(s => el('option', { value: s.step, text: s.title[state.lang] })));
  select.value = chosen || '';
}
async function rankRejection(event) {
  event.preventDefault();
  const out = $('rejection-result');
  out.replaceChildren();
  const message = $('rejection-message').value.trim();
  if (!message) return;
  try {
    const r = await call('/v1/rejection', { profile: state.profile, message, stage: $('rejection-stage').value || null });
    const causes = r.rejection.causes;
    if (!causes.length) out.append(el('p', { text: w('rejection_none') }));
    else out.append(el('h3', { text: w('rejection_causes') }), el('ol', { id: 'causes' }, ...causes.map(c =>
      el('li', { 'data-cause': c.cause },
        el('strong', { text: c.title }), ` — ${w('confidence')(c.confidence)}`,
        el('ul', {}, ...c.fixes.map(f => el('li', { text: f })))))));
    const similar = r.rejection.similar_cases;
    if (similar.length) out.append(el('h3', { text: w('rejection_similar') }), el('ul', { class: 'similar' },
      ...similar.map(s => el('li', { 'data-case': s.id, text: `#${s.id} ${s.message}` + (s.fix ? ` → ${s.fix}` : '') }))));
  } catch (e) {
    out.append(el('p', { class: 'error', role: 'alert', text: e.message }));
  }
}

// --- the step graph ---------------------------------------------------------------------
async function showGraph() {
  const body = $('graph-body');
  try {
    const svg = await call('/v1/graph', { profile: state.profile });
    const bytes = new TextEncoder().encode(svg);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    body.replaceChildren(el('img', { src: 'data:image/svg+xml;base64,' + btoa(binary), alt: w('graph_alt') }));
  } catch (e) {
    body.replaceChildren(el('p', { class: 'error', text: e.message }));
  }
}

// --- language and start -----------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = w('app_title');
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = w(node.dataset.t);
  $('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
  $('lang-toggle').setAttribute('lang', state.lang === 'zh' ? 'en' : 'zh-CN');
}
async function switchLanguage() {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
  await refresh();
}
async function refresh() {
  if (state.mode === 'result') await diagnoseAndShow();
  else await nextQuestion();
}
function restart() {
  state.profile = {};
  state.skipped = [];
  state.history = [];
  history.replaceState(null, '', location.pathname);
  $('whatif-result').replaceChildren();
  $('rejection-result').replaceChildren();
  nextQuestion();
}
async function openFromHash() {
  const profile = profileFromHash();
  if (!profile) return false;
  state.profile = profile;
  state.skipped = [];
  state.history = [];
  await diagnoseAndShow();
  return true;
}

async function start() {
  applyLanguage();
  $('lang-toggle').addEventListener('click', switchLanguage);
  $('restart').addEventListener('click', restart);
  $('question-form').addEventListener('submit', answerQuestion);
  $('skip').addEventListener('click', skipQuestion);
  $('back').addEventListener('click', goBack);
  $('finish').addEventListener('click', finishNow);
  $('whatif-form').addEventListener('submit', tryWhatif);
  $('whatif-fact').addEventListener('change', () => whatifControls());
  $('whatif-apply').addEventListener('click', applyWhatif);
  $('rejection-form').addEventListener('submit', rankRejection);
  window.addEventListener('hashchange', () => {
    if (location.hash !== $('share-link').getAttribute('href')) openFromHash();
  });
  try {
    state.kb = await call('/v1/kb');
  } catch (e) {
    showError(e.message);
    return;
  }
  if (!(await openFromHash())) await nextQuestion();
}

document.addEventListener('DOMContentLoaded', start);
