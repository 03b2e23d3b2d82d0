/*
 * 党建学习助手 embeddable chat widget.
 *
 *   <script src="https://HOST/widget.js" data-api="https://HOST" data-title="党建学习助手" defer></script>
 *
 * Plain modern JS, no build step, no external fonts or CDNs (branch intranets often have no internet).
 * Everything lives inside a Shadow DOM so the host page's CSS cannot restyle the widget and the widget's
 * CSS cannot leak into the page. Styles are a constructable stylesheet (adoptedStyleSheets), so a host page
 * whose CSP says style-src 'self' still shows a styled widget (docs/widget.md lists the CSP a host needs). Server text is only ever inserted with textContent (never innerHTML), so
 * answers and quotes cannot inject markup. See docs/widget.md for the data-* attributes.
 */
(function () {
  "use strict";

  if (window.PartyStudyWidget) return; // embedded twice: keep the first instance

  // currentScript is null when a tag manager or loader evaluates the code: fall back to our <script> tag
  var script = document.currentScript || document.querySelector('script[src*="widget.js"][data-api]');
  var attr = function (name, fallback) {
    var v = script && script.getAttribute("data-" + name);
    return v === null || v === undefined || v === "" ? fallback : v;
  };

  // --- configuration ------------------------------------------------------------------------------
  var scriptOrigin = script && script.src ? new URL(script.src, document.baseURI).origin : location.origin;
  var API = new URL(attr("api", scriptOrigin), document.baseURI).href.replace(/\/+$/, "");
  var TITLE = attr("title", "党建学习助手");
  var KEY = attr("key", "");
  var WELCOME = attr(
    "welcome",
    "您好！我可以回答党章党规和党建理论方面的问题，每个答案都会注明出处。"
  );
  var POSITION = attr("position", "right") === "left" ? "left" : "right";
  var MAX_CHARS = parseInt(attr("max-chars", "500"), 10) || 500;
  var DEFAULT_SUGGESTIONS = [
    "党章第三十二条是怎么规定的？",
    "预备党员的预备期是多长时间？",
    "什么是“两个维护”？",
  ];
  var SUGGESTIONS = parseSuggestions(attr("suggestions", ""));
  var STORE_KEY = "psa-widget:v1:" + API;
  var MAX_STORED_MESSAGES = 60;
  var REASONS = ["引用错误", "答案不完整", "答案错误", "其他"];

  function parseSuggestions(raw) {
    if (!raw) return DEFAULT_SUGGESTIONS;
    var list;
    if (raw.trim().charAt(0) === "[") {
      try {
        list = JSON.parse(raw);
      } catch (e) {
        list = [];
      }
    } else {
      list = raw.split("|");
    }
    list = list
      .map(function (s) {
        return String(s).trim();
      })
      .filter(Boolean);
    return list.length ? list : DEFAULT_SUGGESTIONS;
  }

  // --- persisted state ----------------------------------------------------------------------------
  // {conversation_id, messages: [{role: "user"|"assistant"|"error", text, citations, refused, suggestions,
  //  notice, answer_id, feedback}]}. Kept per API base so two assistants on one site do not mix.
  function loadState() {
    try {
      var s = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (s && Array.isArray(s.messages)) return s;
    } catch (e) {
      /* storage blocked or corrupt: start fresh */
    }
    return { conversation_id: null, messages: [] };
  }
  function saveState() {
    try {
      // keep answered exchanges only: errors are transient, and a question whose answer failed would
      // come back after a reload as a question without an answer
      var msgs = state.messages.filter(function (m, i, all) {
        if (m.role === "user") {
          var next = all[i + 1];
          return !!next && next.role === "assistant" && !next.streaming;
        }
        return m.role === "assistant" && !m.streaming;
      });
      localStorage.setItem(
        STORE_KEY,
        JSON.stringify({
          conversation_id: state.conversation_id,
          messages: msgs.slice(-MAX_STORED_MESSAGES).map(function (m) {
            var copy = {};
            for (var k in m) if (k !== "el") copy[k] = m[k];
            return copy;
          }),
        })
      );
    } catch (e) {
      /* private mode or quota: the conversation just won't survive a reload */
    }
  }
  var state = loadState();
  var busy = null; // AbortController of the request in flight

  // --- styles -------------------------------------------------------------------------------------
  var CSS =
    ":host{all:initial !important;display:block !important;position:fixed !important;z-index:2147483000 !important;" +
    "bottom:0 !important;" + POSITION + ":0 !important;width:0 !important;height:0 !important;}" +
    "*,*::before,*::after{box-sizing:border-box;}" +
    ".psa{--red:#b5121b;--red-dark:#8e0e15;--ink:#1f2328;--muted:#5b6270;--line:#e3e5e8;--bg:#f6f7f9;" +
    "--amber-bg:#fff7e0;--amber:#8a5a00;--focus:#1a5fd0;" +
    "font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei'," +
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Segoe UI',Roboto,sans-serif;" +
    "font-size:15px;line-height:1.6;color:var(--ink);text-align:left;letter-spacing:normal;font-weight:400;}" +
    "button,textarea,input{font:inherit;color:inherit;letter-spacing:inherit;}" +
    "button{cursor:pointer;}" +
    ":focus-visible{outline:3px solid var(--focus);outline-offset:2px;}" +
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0;}" +
    // launcher
    ".launcher{position:fixed;bottom:20px;" + POSITION + ":20px;width:60px;height:60px;border-radius:50%;border:0;" +
    "background:var(--red);color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);display:flex;align-items:center;" +
    "justify-content:center;padding:0;transition:transform .15s;}" +
    ".launcher:hover{transform:scale(1.05);background:var(--red-dark);}" +
    ".launcher svg{width:28px;height:28px;fill:currentColor;}" +
    // panel
    ".panel{position:fixed;bottom:92px;" + POSITION + ":20px;width:390px;height:min(640px,calc(100vh - 112px));" +
    "background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.28);display:flex;flex-direction:column;" +
    "overflow:hidden;border:1px solid var(--line);}" +
    ".panel[hidden]{display:none;}" +
    "header{background:linear-gradient(135deg,#c8161d,#9b0f16);color:#fff;padding:12px 12px 12px 16px;display:flex;" +
    "align-items:center;gap:8px;flex:none;}" +
    "header .t{flex:1;min-width:0;}" +
    "header h2{margin:0;font-size:17px;font-weight:600;line-height:1.3;color:#fff;}" +
    "header p{margin:2px 0 0;font-size:12px;opacity:.9;color:#fff;}" +
    ".hbtn{background:transparent;border:1px solid rgba(255,255,255,.5);color:#fff;border-radius:8px;min-height:36px;" +
    "padding:4px 10px;font-size:13px;display:inline-flex;align-items:center;gap:4px;}" +
    ".hbtn:hover{background:rgba(255,255,255,.15);}" +
    ".hbtn.icon{width:36px;padding:0;justify-content:center;font-size:20px;line-height:1;}" +
    ".hbtn:focus-visible{outline-color:#fff;}" +
    // log
    ".log{flex:1;overflow-y:auto;padding:14px;background:var(--bg);display:flex;flex-direction:column;gap:12px;" +
    "overscroll-behavior:contain;}" +
    ".welcome{background:#fff;border:1px solid var(--line);border-radius:12px;padding:14px;}" +
    ".welcome p{margin:0 0 10px;}" +
    ".chips{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none;}" +
    ".chip{background:#fff;border:1px solid #d9a3a6;color:var(--red-dark);border-radius:16px;padding:6px 12px;" +
    "font-size:14px;text-align:left;line-height:1.4;min-height:36px;}" +
    ".chip:hover{background:#fdf0f0;}" +
    ".msg{max-width:92%;border-radius:12px;padding:10px 12px;word-break:break-word;}" +
    ".msg.user{align-self:flex-end;background:var(--red);color:#fff;border-bottom-right-radius:4px;" +
    "white-space:pre-wrap;}" +
    ".msg.bot{align-self:flex-start;background:#fff;border:1px solid var(--line);border-bottom-left-radius:4px;}" +
    ".msg.bot .body{white-space:pre-wrap;}" +
    ".msg.refused{background:var(--amber-bg);border:1px solid #f0d48a;border-left:4px solid #d99a00;}" +
    ".badge{display:inline-block;font-size:12px;font-weight:600;color:var(--amber);background:#ffe9a8;" +
    "border-radius:4px;padding:1px 6px;margin-bottom:6px;}" +
    ".notice{font-size:12px;color:var(--muted);border-left:3px solid var(--line);padding-left:8px;margin:0 0 6px;}" +
    ".msg.error{align-self:stretch;max-width:none;background:#fdecec;border:1px solid #f2b8b8;color:#8e0e15;" +
    "display:flex;gap:8px;align-items:center;flex-wrap:wrap;}" +
    ".msg.error span{flex:1;min-width:12em;}" +
    ".cite{display:inline-block;min-width:22px;height:20px;padding:0 5px;margin:0 1px;border-radius:10px;" +
    "border:1px solid #d9a3a6;background:#fdf0f0;color:var(--red-dark);font-size:12px;line-height:18px;" +
    "vertical-align:super;text-align:center;}" +
    ".cite[aria-expanded=true]{background:var(--red);color:#fff;border-color:var(--red);}" +
    "sup.pending{color:var(--muted);font-size:12px;}" +
    ".sources{margin:8px 0 0;padding:8px 0 0;border-top:1px dashed var(--line);list-style:none;}" +
    ".sources h3{margin:0 0 4px;font-size:12px;color:var(--muted);font-weight:600;}" +
    ".src{margin:0 0 4px;}" +
    ".src>button{background:none;border:0;padding:4px 2px;text-align:left;color:var(--ink);font-size:13px;" +
    "width:100%;display:flex;gap:6px;align-items:flex-start;border-radius:6px;}" +
    ".src>button:hover{background:#f3f4f6;}" +
    ".src .n{flex:none;color:var(--red-dark);font-weight:600;}" +
    ".src .loc{color:var(--muted);}" +
    ".src .chev{margin-left:auto;color:var(--muted);transition:transform .15s;}" +
    ".src>button[aria-expanded=true] .chev{transform:rotate(90deg);}" +
    ".quote{margin:4px 0 8px 20px;padding:8px 10px;background:#faf7f2;border-left:3px solid #c9a86b;" +
    "font-size:13px;color:#333;white-space:pre-wrap;border-radius:0 6px 6px 0;max-height:16em;overflow-y:auto;}" +
    ".quote[hidden]{display:none;}" +
    ".quote .qt{display:block;font-weight:600;margin-bottom:4px;color:var(--ink);}" +
    ".sugg{margin-top:8px;}" +
    ".sugg p{margin:0 0 6px;font-size:13px;color:var(--muted);}" +
    ".actions{display:flex;gap:6px;margin-top:8px;align-items:center;flex-wrap:wrap;}" +
    ".act{background:#fff;border:1px solid var(--line);border-radius:8px;min-height:32px;min-width:32px;" +
    "padding:2px 8px;font-size:13px;color:var(--muted);display:inline-flex;align-items:center;gap:4px;}" +
    ".act:hover{border-color:#b9bec6;color:var(--ink);}" +
    ".act[aria-pressed=true]{background:#fdf0f0;border-color:var(--red);color:var(--red-dark);}" +
    ".act[disabled]{cursor:default;opacity:.75;}" +
    ".act svg{width:16px;height:16px;fill:currentColor;}" +
    ".status{font-size:12px;color:var(--muted);}" +
    ".status:focus{outline:none;}" +
    ".picker{margin-top:8px;padding:10px;border:1px solid var(--line);border-radius:8px;background:#fafbfc;}" +
    ".picker fieldset{border:0;margin:0;padding:0;}" +
    ".picker legend{font-size:13px;color:var(--ink);margin-bottom:6px;padding:0;}" +
    ".picker label{display:inline-flex;align-items:center;gap:4px;margin:0 10px 6px 0;font-size:13px;}" +
    ".picker textarea{width:100%;min-height:56px;border:1px solid var(--line);border-radius:6px;padding:6px;" +
    "font-size:13px;resize:vertical;background:#fff;}" +
    ".picker .row{display:flex;gap:8px;justify-content:flex-end;margin-top:6px;}" +
    ".btn{border-radius:8px;min-height:34px;padding:4px 14px;font-size:14px;border:1px solid var(--line);background:#fff;}" +
    ".btn.primary{background:var(--red);border-color:var(--red);color:#fff;}" +
    ".btn.primary:hover{background:var(--red-dark);}" +
    ".typing{display:inline-flex;gap:4px;padding:4px 0;}" +
    ".typing i{width:6px;height:6px;border-radius:50%;background:#b9bec6;animation:psa-b 1s infinite ease-in-out;}" +
    ".typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}" +
    "@keyframes psa-b{0%,80%,100%{opacity:.3}40%{opacity:1}}" +
    // composer
    "form{flex:none;border-top:1px solid var(--line);padding:10px;background:#fff;display:flex;gap:8px;" +
    "align-items:flex-end;margin:0;}" +
    "form textarea{flex:1;resize:none;border:1px solid #c9cdd3;border-radius:10px;padding:8px 10px;min-height:42px;" +
    "max-height:120px;font-size:15px;line-height:1.5;background:#fff;}" +
    "form textarea:focus{border-color:var(--red);}" +
    ".send{flex:none;min-width:64px;min-height:42px;border-radius:10px;border:0;background:var(--red);color:#fff;" +
    "font-size:15px;padding:0 14px;}" +
    ".send:hover{background:var(--red-dark);}" +
    ".send[disabled]{background:#d7a2a5;cursor:default;}" +
    ".foot{flex:none;font-size:11px;color:var(--muted);text-align:center;padding:0 10px 8px;background:#fff;}" +
    // narrow viewports: the panel takes the whole screen
    "@media (max-width:480px){" +
    ".panel{inset:0;width:100vw;height:100vh;height:100dvh;max-height:none;border-radius:0;border:0;bottom:0;}" +
    ".launcher{bottom:16px;" + POSITION + ":16px;}" +
    ".psa.open .launcher{display:none;}" +
    ".msg{max-width:96%;}" +
    "}" +
    "@media (prefers-reduced-motion:reduce){.typing i{animation:none}.launcher{transition:none}}";

  var ICON_CHAT =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z"/></svg>';
  var ICON_CLOSE =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18.3 5.71 12 12l6.3 6.29-1.41 1.42L10.59 13.4 4.3 19.7 2.89 18.3 9.17 12 2.89 5.71 4.3 4.29l6.29 6.3 6.3-6.3z"/></svg>';
  var ICON_UP =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.4-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"/></svg>';
  var ICON_DOWN =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1l1.1 1.1 6.6-6.6c.4-.4.6-.9.6-1.4V5a2 2 0 0 0-2-2H7a2 2 0 0 0-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z"/></svg>';
  var ICON_COPY =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z"/></svg>';

  // --- DOM helpers --------------------------------------------------------------------------------
  function h(tag, props, children) {
    var el = document.createElement(tag);
    if (props) {
      for (var k in props) {
        var v = props[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === "text") el.textContent = v;
        else if (k === "html") el.innerHTML = v; // only ever our own static SVG icons
        else if (k === "class") el.className = v;
        else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : v);
      }
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  // Host pages with a strict CSP (style-src 'self', common on government CMSs) block <style> elements and
  // style attributes, but not constructable stylesheets: adopt one into the shadow root. Browsers without
  // them (before Chrome 73 / Firefox 101 / Safari 16.4) fall back to a <style> element.
  function adoptStyles(shadow, css) {
    try {
      if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet === "function") {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.concat([sheet]);
        return sheet;
      }
    } catch (e) {
      /* constructable stylesheets unsupported: fall through */
    }
    shadow.appendChild(h("style", { text: css }));
    return null;
  }

  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return "psa-" + prefix + "-" + uid;
  }

  // --- build the widget ---------------------------------------------------------------------------
  var hostEl = document.createElement("div");
  hostEl.setAttribute("data-party-study-widget", "");
  var root = hostEl.attachShadow({ mode: "open" });
  adoptStyles(root, CSS);

  var wrap = h("div", { class: "psa" });
  root.appendChild(wrap);

  var launcher = h("button", {
    class: "launcher",
    type: "button",
    "aria-label": "打开" + TITLE,
    "aria-expanded": "false",
    "aria-controls": "psa-panel",
    html: ICON_CHAT,
  });

  var titleId = "psa-title";
  var log = h("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions text",
    "aria-label": "对话记录",
    tabindex: "0",
  });
  var input = h("textarea", {
    rows: "1",
    placeholder: "请输入您的问题，按 Enter 发送",
    "aria-label": "输入问题",
    maxlength: String(MAX_CHARS),
    enterkeyhint: "send",
  });
  var sendBtn = h("button", { class: "send", type: "submit", text: "发送", "aria-label": "发送问题" });
  var form = h("form", { "aria-label": "提问" }, [input, sendBtn]);
  var newBtn = h("button", {
    class: "hbtn",
    type: "button",
    text: "新对话",
    "aria-label": "开始新对话（清空当前记录）",
  });
  var practiceBtn = h("button", {
    class: "hbtn",
    type: "button",
    text: "练一练",
    "aria-label": "练一练：做题练习、错题本和进度",
  });
  var closeBtn = h("button", {
    class: "hbtn icon",
    type: "button",
    "aria-label": "关闭" + TITLE,
    text: "×",
  });
  var panel = h(
    "section",
    {
      class: "panel",
      id: "psa-panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": titleId,
      hidden: true,
    },
    [
      h("header", null, [
        h("div", { class: "t" }, [
          h("h2", { id: titleId, text: TITLE }),
          h("p", { text: "依据党章党规作答 · 注明出处" }),
        ]),
        practiceBtn,
        newBtn,
        closeBtn,
      ]),
      log,
      form,
      h("div", { class: "foot", text: "答案仅供学习参考，请以原文为准" }),
    ]
  );
  wrap.appendChild(panel);
  wrap.appendChild(launcher);

  function mount() {
    (document.body || document.documentElement).appendChild(hostEl);
    renderAll();
  }

  // --- open / close -------------------------------------------------------------------------------
  function isOpen() {
    return !panel.hidden;
  }
  function open() {
    if (isOpen()) return;
    panel.hidden = false;
    wrap.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "收起" + TITLE);
    launcher.innerHTML = ICON_CLOSE;
    scrollToEnd();
    input.focus();
  }
  function close() {
    if (!isOpen()) return;
    panel.hidden = true;
    wrap.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "打开" + TITLE);
    launcher.innerHTML = ICON_CHAT;
    launcher.focus();
  }
  launcher.addEventListener("click", function () {
    if (isOpen()) close();
    else open();
  });
  closeBtn.addEventListener("click", close);
  newBtn.addEventListener("click", function () {
    if (busy) busy.abort();
    state = { conversation_id: null, messages: [] };
    saveState();
    renderAll();
    input.focus();
  });
  wrap.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && isOpen()) {
      e.preventDefault();
      close();
    }
  });

  // --- composer -----------------------------------------------------------------------------------
  function autoGrow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 120) + "px";
  }
  input.addEventListener("input", autoGrow);
  input.addEventListener("keydown", function (e) {
    // isComposing / keyCode 229: Enter that confirms a pinyin candidate must not send the question.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (busy) {
      busy.abort();
      return;
    }
    submit();
  });
  function setBusy(controller) {
    busy = controller;
    if (controller) {
      sendBtn.textContent = "停止";
      sendBtn.setAttribute("aria-label", "停止生成");
    } else {
      sendBtn.textContent = "发送";
      sendBtn.setAttribute("aria-label", "发送问题");
    }
  }
  function submit() {
    var q = input.value.trim();
    if (!q || busy) return;
    if (q.length > MAX_CHARS) {
      showError("问题过长（最多 " + MAX_CHARS + " 个字），请精简后再问。", null);
      return;
    }
    input.value = "";
    autoGrow();
    ask(q);
  }

  // --- rendering ----------------------------------------------------------------------------------
  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  // Streaming keeps the newest text in view; once done, a long answer is scrolled back so that its
  // question and first lines are visible (members read from the top, not from the sources list).
  function revealAnswerStart(m) {
    scrollToEnd();
    var anchor = m.el && m.el.previousElementSibling;
    if (!anchor || !m.el.parentNode) return;
    var overflow = anchor.getBoundingClientRect().top - log.getBoundingClientRect().top;
    if (overflow < 0) log.scrollTop += overflow - 8;
  }

  function renderAll() {
    log.textContent = "";
    if (!state.messages.length) {
      log.appendChild(renderWelcome());
      return;
    }
    state.messages.forEach(function (m) {
      m.el = renderMessage(m);
      log.appendChild(m.el);
    });
    scrollToEnd();
  }

  function renderWelcome() {
    var chips = h("ul", { class: "chips", "aria-label": "推荐问题" });
    SUGGESTIONS.forEach(function (s) {
      chips.appendChild(h("li", null, [chipButton(s)]));
    });
    return h("div", { class: "welcome" }, [h("p", { text: WELCOME }), h("p", { text: "您可以这样问：" }), chips]);
  }

  function chipButton(question) {
    return h("button", {
      class: "chip",
      type: "button",
      text: question,
      onclick: function () {
        if (busy) return;
        ask(question);
      },
    });
  }

  function renderMessage(m) {
    if (m.role === "user") return h("div", { class: "msg user", text: m.text, "aria-label": "我的提问：" + m.text });
    if (m.role === "error") return renderError(m);
    return renderAnswer(m);
  }

  function renderError(m) {
    var el = h("div", { class: "msg error", role: "alert" }, [h("span", { text: m.text })]);
    if (m.retry) {
      el.appendChild(
        h("button", {
          class: "btn",
          type: "button",
          text: "重试",
          onclick: function () {
            removeMessage(m);
            ask(m.retry, true);
          },
        })
      );
    }
    return el;
  }

  function renderAnswer(m) {
    var el = h("div", { class: "msg bot" + (m.refused ? " refused" : ""), "aria-busy": m.streaming ? "true" : "false" });
    el.appendChild(h("span", { class: "sr-only", text: "助手回答：" }));
    if (m.refused) el.appendChild(h("div", { class: "badge", text: "知识库暂未覆盖" }));
    if (m.notice) el.appendChild(h("p", { class: "notice", text: m.notice }));
    var cites = m.citations || [];
    var body = h("div", { class: "body" });
    if (!m.text && m.streaming) {
      body.appendChild(h("span", { class: "typing", "aria-label": "正在生成回答" }, [h("i"), h("i"), h("i")]));
    }
    el.appendChild(body);

    var quotes = {}; // n -> {button, quote, inline: [buttons]}
    var list = null;
    if (cites.length) {
      list = h("ul", { class: "sources", "aria-label": "引用来源" });
      list.appendChild(h("h3", { text: "来源" }));
      cites.forEach(function (c) {
        var qid = nextId("q");
        var quote = h("div", { class: "quote", id: qid, hidden: true }, [
          h("span", { class: "qt", text: c.title + (c.locator ? " · " + c.locator : "") }),
          c.quote || "",
        ]);
        var btn = h(
          "button",
          {
            type: "button",
            "aria-expanded": "false",
            "aria-controls": qid,
            "aria-label": "来源 " + c.n + "：" + c.title + " " + (c.locator || "") + "，展开原文",
          },
          [
            h("span", { class: "n", text: "[" + c.n + "]" }),
            h("span", null, [c.title + " ", h("span", { class: "loc", text: c.locator || "" })]),
            h("span", { class: "chev", "aria-hidden": "true", text: "›" }),
          ]
        );
        var entry = { button: btn, quote: quote, inline: [] };
        quotes[c.n] = entry;
        btn.addEventListener("click", function () {
          toggleSource(entry);
        });
        list.appendChild(h("li", { class: "src" }, [btn, quote]));
      });
    }
    renderBody(body, m.text || "", quotes, m.streaming);
    if (list) el.appendChild(list);

    if (m.refused && m.suggestions && m.suggestions.length) {
      var chips = h("ul", { class: "chips", "aria-label": "相近的内容" });
      m.suggestions.forEach(function (s) {
        chips.appendChild(h("li", null, [chipButton(s)]));
      });
      el.appendChild(h("div", { class: "sugg" }, [h("p", { text: "知识库中相近的内容，点击可继续提问：" }), chips]));
    }
    if (!m.streaming && m.text) el.appendChild(renderActions(m));
    return el;
  }

  // Split on [n] markers: a known citation becomes a footnote button, an unknown one stays plain text.
  function renderBody(body, text, quotes, streaming) {
    var parts = text.split(/(\[\d+\])/);
    parts.forEach(function (p) {
      var mm = /^\[(\d+)\]$/.exec(p);
      if (!mm) {
        if (p) body.appendChild(document.createTextNode(p));
        return;
      }
      var n = parseInt(mm[1], 10);
      var entry = quotes[n];
      if (!entry) {
        body.appendChild(streaming ? h("sup", { class: "pending", text: p }) : document.createTextNode(p));
        return;
      }
      var b = h("button", {
        class: "cite",
        type: "button",
        text: String(n),
        "aria-expanded": "false",
        "aria-controls": entry.quote.id,
        "aria-label": "查看来源 " + n,
        title: "来源 " + n,
      });
      b.addEventListener("click", function () {
        toggleSource(entry, true);
      });
      entry.inline.push(b);
      body.appendChild(b);
    });
  }

  function toggleSource(entry, reveal) {
    var show = entry.quote.hidden;
    entry.quote.hidden = !show;
    entry.button.setAttribute("aria-expanded", String(show));
    entry.inline.forEach(function (b) {
      b.setAttribute("aria-expanded", String(show));
    });
    if (show && reveal) entry.quote.scrollIntoView({ block: "nearest" });
  }

  function renderActions(m) {
    // focusable by script: when a control the member used disappears (the reason picker), focus lands here
    var status = h("span", { class: "status", role: "status", tabindex: "-1" });
    var copyBtn = h("button", {
      class: "act",
      type: "button",
      "aria-label": "复制回答",
      title: "复制回答",
      html: ICON_COPY,
    });
    copyBtn.appendChild(document.createTextNode("复制"));
    copyBtn.addEventListener("click", function () {
      copyText(answerAsText(m)).then(
        function () {
          status.textContent = "已复制";
        },
        function () {
          status.textContent = "复制失败，请手动选择文字复制";
        }
      );
    });
    var row = h("div", { class: "actions" }, [copyBtn]);
    if (m.answer_id) {
      var up = h("button", {
        class: "act",
        type: "button",
        "aria-label": "回答有帮助",
        title: "有帮助",
        "aria-pressed": String(m.feedback === "up"),
        html: ICON_UP,
      });
      var down = h("button", {
        class: "act",
        type: "button",
        "aria-label": "回答没有帮助",
        title: "没帮助",
        "aria-pressed": String(m.feedback === "down"),
        html: ICON_DOWN,
      });
      if (m.feedback) {
        up.disabled = true;
        down.disabled = true;
        status.textContent = "感谢您的反馈";
      }
      var picker = null;
      up.addEventListener("click", function () {
        if (picker) picker.remove();
        picker = null;
        sendFeedback(m, "up", null, null, up, down, status);
        status.focus();
      });
      down.addEventListener("click", function () {
        if (picker) {
          picker.querySelector("input").focus();
          return;
        }
        picker = renderPicker(m, function (reason, comment) {
          picker.remove();
          picker = null;
          sendFeedback(m, "down", reason, comment, up, down, status);
          status.focus();
        }, function () {
          picker.remove();
          picker = null;
          down.focus();
        });
        row.after(picker);
        picker.querySelector("input").focus();
      });
      row.appendChild(up);
      row.appendChild(down);
    }
    row.appendChild(status);
    return row;
  }

  function renderPicker(m, onSubmit, onCancel) {
    var name = nextId("reason");
    var legendId = nextId("legend");
    var fs = h("fieldset", { "aria-labelledby": legendId }, [
      h("legend", { id: legendId, text: "哪里不满意？（可选）" }),
    ]);
    REASONS.forEach(function (r) {
      fs.appendChild(h("label", null, [h("input", { type: "radio", name: name, value: r }), r]));
    });
    var comment = h("textarea", { "aria-label": "补充说明（可选）", placeholder: "补充说明（可选）", maxlength: "1000" });
    var el = h("div", { class: "picker" }, [
      fs,
      comment,
      h("div", { class: "row" }, [
        h("button", { class: "btn", type: "button", text: "取消", onclick: onCancel }),
        h("button", {
          class: "btn primary",
          type: "button",
          text: "提交反馈",
          onclick: function () {
            var checked = fs.querySelector("input:checked");
            onSubmit(checked ? checked.value : null, comment.value.trim() || null);
          },
        }),
      ]),
    ]);
    return el;
  }

  function answerAsText(m) {
    var text = m.text;
    if (m.citations && m.citations.length) {
      text +=
        "\n\n来源：\n" +
        m.citations
          .map(function (c) {
            return "[" + c.n + "] " + c.title + (c.locator ? " " + c.locator : "") + "：" + c.quote;
          })
          .join("\n");
    }
    return text;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      // Plain-http intranet pages have no Clipboard API: fall back to a hidden textarea + execCommand.
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.cssText = "position:fixed;top:-1000px;left:-1000px;opacity:0;";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      ta.remove();
      if (ok) resolve();
      else reject(new Error("copy failed"));
    });
  }

  function rerender(m) {
    var el = renderMessage(m);
    if (m.el && m.el.parentNode) m.el.replaceWith(el);
    else log.appendChild(el);
    m.el = el;
  }

  function addMessage(m) {
    if (!state.messages.length) log.textContent = "";
    state.messages.push(m);
    m.el = renderMessage(m);
    log.appendChild(m.el);
    scrollToEnd();
    return m;
  }
  function removeMessage(m) {
    var i = state.messages.indexOf(m);
    if (i >= 0) state.messages.splice(i, 1);
    if (m.el) m.el.remove();
  }
  function showError(text, retryQuestion) {
    addMessage({ role: "error", text: text, retry: retryQuestion });
  }

  // --- network ------------------------------------------------------------------------------------
  function headers(extra) {
    var hd = { "Content-Type": "application/json" };
    if (KEY) hd.Authorization = "Bearer " + KEY;
    for (var k in extra || {}) hd[k] = extra[k];
    return hd;
  }

  // Chinese message for a failed HTTP response; the server's own (Chinese) message wins when it has one.
  function httpErrorMessage(status, body, retryAfter) {
    var serverMsg = body && body.error && body.error.message;
    if (status === 429) {
      var wait = parseInt(retryAfter || "", 10);
      return "提问太频繁了，请" + (wait > 0 ? " " + wait + " 秒后" : "稍后") + "再试。";
    }
    if (status === 503) return serverMsg || "服务暂时不可用（知识库可能正在更新），请稍后再试。";
    if (status === 401) return "访问密钥缺失或无效，请联系网站管理员。";
    if (status === 403) return serverMsg || "本网站未获授权使用学习助手，请联系管理员。";
    if (status === 413 || status === 422 || status === 404) return serverMsg || "请求无效，请修改后重试。";
    if (status >= 500) return "服务出现错误，请稍后再试。";
    return serverMsg || "请求失败（" + status + "），请稍后再试。";
  }

  function readJson(res) {
    return res.text().then(function (t) {
      try {
        return JSON.parse(t);
      } catch (e) {
        return null;
      }
    });
  }

  /* Minimal SSE parser over a fetch ReadableStream (EventSource cannot POST or send headers).
   * Handles \n, \r\n and \r line ends split across chunks, multi-line data and ":" comments (pings). */
  function readSSE(res, onEvent) {
    var decoder = new TextDecoder("utf-8");
    var buf = "";
    var evName = "";
    var data = [];
    function line(l) {
      if (l === "") {
        if (data.length) onEvent(evName || "message", data.join("\n"));
        evName = "";
        data = [];
        return;
      }
      if (l.charAt(0) === ":") return;
      var i = l.indexOf(":");
      var field = i < 0 ? l : l.slice(0, i);
      var value = i < 0 ? "" : l.slice(i + 1);
      if (value.charAt(0) === " ") value = value.slice(1);
      if (field === "event") evName = value;
      else if (field === "data") data.push(value);
    }
    function feed(chunk, final) {
      buf += chunk;
      var m;
      var re = /\r\n|\r|\n/g;
      var start = 0;
      while ((m = re.exec(buf))) {
        // a lone trailing \r may be the first half of \r\n: wait for the next chunk
        if (m[0] === "\r" && m.index === buf.length - 1 && !final) break;
        line(buf.slice(start, m.index));
        start = re.lastIndex;
      }
      buf = buf.slice(start);
      if (final) {
        if (buf) line(buf);
        line("");
      }
    }
    if (!res.body || !res.body.getReader) {
      return res.text().then(function (t) {
        feed(t, true);
      });
    }
    var reader = res.body.getReader();
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          feed(decoder.decode(), true);
          return;
        }
        feed(decoder.decode(r.value, { stream: true }), false);
        return pump();
      });
    }
    return pump();
  }

  function ask(question, isRetry) {
    if (busy) return;
    if (!isOpen()) open();
    if (!isRetry) addMessage({ role: "user", text: question });
    var m = addMessage({ role: "assistant", text: "", citations: [], streaming: true });
    var controller = new AbortController();
    setBusy(controller);
    var finished = false;
    var failed = null;
    var restart = false;

    function fail(text) {
      failed = text;
    }

    var payload = { question: question };
    if (state.conversation_id) payload.conversation_id = state.conversation_id;

    fetch(API + "/v1/ask/stream", {
      method: "POST",
      headers: headers({ Accept: "text/event-stream" }),
      body: JSON.stringify(payload),
      signal: controller.signal,
      credentials: "omit",
      mode: "cors",
    })
      .then(function (res) {
        if (!res.ok) {
          return readJson(res).then(function (body) {
            if (body && body.error && body.error.code === "conversation_not_found" && payload.conversation_id) {
              restart = true; // the server no longer knows this conversation (expired, data reset)
              return;
            }
            fail(httpErrorMessage(res.status, body, res.headers.get("Retry-After")));
          });
        }
        return readSSE(res, function (name, raw) {
          var d;
          try {
            d = JSON.parse(raw);
          } catch (e) {
            return;
          }
          if (name === "delta" && d && typeof d.text === "string") {
            m.text += d.text;
            rerender(m);
            scrollToEnd();
          } else if (name === "citations") {
            m.citations = Array.isArray(d) ? d : (d && d.citations) || [];
            rerender(m);
          } else if (name === "done" && d) {
            finished = true;
            m.text = typeof d.answer === "string" ? d.answer : m.text;
            m.citations = d.citations || m.citations;
            m.refused = !!d.refused;
            m.suggestions = d.suggestions || [];
            m.notice = d.notice || null;
            m.answer_id = d.answer_id || null;
            if (d.conversation_id) state.conversation_id = d.conversation_id;
          } else if (name === "error") {
            var e = (d && d.error) || {};
            fail(e.status ? httpErrorMessage(e.status, d, null) : e.message || "回答生成失败，请稍后再试。");
          }
        });
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") fail(null);
        else fail("网络连接失败，请检查网络后重试。");
      })
      .then(function () {
        setBusy(null);
        m.streaming = false;
        if (restart) {
          // start a fresh conversation with the same question instead of failing forever
          state.conversation_id = null;
          removeMessage(m);
          ask(question, true);
          return;
        }
        if (!finished) {
          if (failed === null && controller.signal.aborted) {
            // stopped by the member: keep what arrived, marked as incomplete
            if (m.text) {
              m.notice = "已停止生成，回答可能不完整。";
              rerender(m);
            } else {
              removeMessage(m);
            }
          } else {
            removeMessage(m);
            showError(failed || "回答中断，请重试。", question);
          }
        } else {
          rerender(m);
        }
        saveState();
        revealAnswerStart(m);
      });
  }

  function sendFeedback(m, rating, reason, comment, up, down, status) {
    up.disabled = true;
    down.disabled = true;
    status.textContent = "正在提交…";
    var payload = { answer_id: m.answer_id, rating: rating };
    if (reason) payload.reason = reason;
    if (comment) payload.comment = comment;
    fetch(API + "/v1/feedback", {
      method: "POST",
      headers: headers(),
      body: JSON.stringify(payload),
      credentials: "omit",
      mode: "cors",
    })
      .then(function (res) {
        if (!res.ok) {
          return readJson(res).then(function (body) {
            throw new Error(httpErrorMessage(res.status, body, res.headers.get("Retry-After")));
          });
        }
        m.feedback = rating;
        saveState();
        up.setAttribute("aria-pressed", String(rating === "up"));
        down.setAttribute("aria-pressed", String(rating === "down"));
        status.textContent = "感谢您的反馈";
      })
      .catch(function (err) {
        up.disabled = false;
        down.disabled = false;
        status.textContent =
          err && err.message && /[\u4e00-\u9fff]/.test(err.message)
            ? "反馈提交失败：" + err.message
            : "反馈提交失败，请检查网络后重试。";
      });
  }

  // --- 练一练: the practice view lives in its own file (/widget-practice.js), loaded on first use -------
  var practice = null;
  function openPractice() {
    if (practice) return;
    function start() {
      practice = window.PartyStudyPractice.open({
        api: API,
        h: h,
        headers: headers,
        adoptStyles: function (css) {
          adoptStyles(root, css);
        },
        mount: function (view) {
          log.hidden = true;
          form.hidden = true;
          panel.insertBefore(view, log);
        },
        onClose: function () {
          practice = null;
          log.hidden = false;
          form.hidden = false;
          input.focus();
        },
      });
    }
    if (window.PartyStudyPractice) return start();
    var tag = document.createElement("script");
    tag.src = API + "/widget-practice.js";
    tag.onload = start;
    tag.onerror = function () {
      showError("练一练模块加载失败，请检查网络后重试。", null);
    };
    document.head.appendChild(tag);
  }
  practiceBtn.addEventListener("click", openPractice);

  // --- public handle for host pages ---------------------------------------------------------------
  window.PartyStudyWidget = {
    open: open,
    close: close,
    practice: function () {
      open();
      openPractice();
    },
    ask: function (q) {
      if (typeof q === "string" && q.trim()) ask(q.trim());
    },
  };

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
