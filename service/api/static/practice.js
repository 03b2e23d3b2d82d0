/*
 * 党建学习助手 widget: the "练一练" (practice) view, loaded by widget.js on first use from /widget-practice.js.
 *
 * A member picks a document, answers five approved items one at a time, sees right/wrong with the
 * explanation and the cited source, and finds wrong answers in the 错题本 and a correct rate per document
 * under 进度. Records are kept server-side (/v1/practice/*) under a random learner id stored in localStorage,
 * so they survive reloads. Like widget.js: no build step, textContent only, styles via adoptStyles.
 */
(function () {
  "use strict";
  if (window.PartyStudyPractice) return;

  var CSS =
    ".log[hidden],form[hidden]{display:none !important;}" +
    ".pr{flex:1;overflow-y:auto;padding:12px 14px;background:var(--bg);display:flex;flex-direction:column;gap:10px;}" +
    ".pr[hidden]{display:none;}" +
    ".pr-tabs{display:flex;gap:6px;flex-wrap:wrap;}" +
    ".pr-tabs button{border:1px solid var(--line);background:#fff;border-radius:16px;padding:4px 12px;font-size:13px;}" +
    ".pr-tabs button[aria-pressed=true]{background:var(--red);color:#fff;border-color:var(--red);}" +
    ".pr-card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px;}" +
    ".pr-card h3{margin:0 0 6px;font-size:14px;color:var(--muted);font-weight:600;}" +
    ".pr-stem{margin:0 0 8px;font-size:15px;}" +
    ".pr-opts{display:flex;flex-direction:column;gap:6px;margin:0;padding:0;list-style:none;}" +
    ".pr-opts label{display:flex;gap:8px;align-items:flex-start;border:1px solid var(--line);border-radius:8px;padding:6px 8px;background:#fff;}" +
    ".pr-opts input{margin-top:5px;}" +
    ".pr-blank{width:100%;border:1px solid var(--line);border-radius:8px;padding:6px 8px;}" +
    ".pr-actions{display:flex;gap:8px;margin-top:10px;flex-wrap:wrap;}" +
    ".pr-btn{border:0;border-radius:8px;padding:6px 14px;background:var(--red);color:#fff;}" +
    ".pr-btn.secondary{background:#fff;color:var(--ink);border:1px solid var(--line);}" +
    ".pr-btn:disabled{opacity:.5;}" +
    ".pr-result{margin-top:10px;padding:8px;border-radius:8px;}" +
    ".pr-result.ok{background:#e8f6ec;color:#125c2b;}" +
    ".pr-result.bad{background:#fdecec;color:#8e0e15;}" +
    ".pr-src{margin-top:6px;font-size:13px;color:var(--muted);}" +
    ".pr-list{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:8px;}" +
    ".pr-empty{color:var(--muted);font-size:14px;}" +
    "select.pr-topic{width:100%;border:1px solid var(--line);border-radius:8px;padding:6px;background:#fff;}";

  var ROUND = 5;

  function open(ctx) {
    var h = ctx.h;
    var API = ctx.api;
    var storeKey = "psa-practice:v1:learner:" + API;

    function learnerId() {
      var id = null;
      try {
        id = localStorage.getItem(storeKey);
      } catch (e) {
        /* storage blocked: a fresh id per page */
      }
      if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
        var bytes = new Uint8Array(12);
        (window.crypto || window.msCrypto).getRandomValues(bytes);
        id = "m-" + Array.prototype.map
          .call(bytes, function (b) {
            return ("0" + b.toString(16)).slice(-2);
          })
          .join("");
        try {
          localStorage.setItem(storeKey, id);
        } catch (e) {
          /* ignore */
        }
      }
      return id;
    }
    var learner = learnerId();

    function call(method, path, body) {
      return fetch(API + path, {
        method: method,
        headers: ctx.headers(),
        body: body ? JSON.stringify(body) : undefined,
        credentials: "omit",
        mode: "cors",
      }).then(function (res) {
        return res.text().then(function (t) {
          var data = null;
          try {
            data = JSON.parse(t);
          } catch (e) {
            data = null;
          }
          if (!res.ok) {
            var msg = (data && data.error && data.error.message) || "请求失败（" + res.status + "），请稍后再试。";
            throw new Error(msg);
          }
          return data;
        });
      });
    }

    var view = h("section", { class: "pr", "aria-label": "练一练" });
    var tabs = {};
    var tabBar = h("div", { class: "pr-tabs", role: "toolbar", "aria-label": "练一练导航" });
    [
      ["practice", "练习"],
      ["mistakes", "错题本"],
      ["progress", "进度"],
    ].forEach(function (t) {
      tabs[t[0]] = h("button", {
        type: "button",
        text: t[1],
        "aria-pressed": "false",
        onclick: function () {
          show(t[0]);
        },
      });
      tabBar.appendChild(tabs[t[0]]);
    });
    tabBar.appendChild(
      h("button", { type: "button", text: "返回问答", onclick: close, "aria-label": "返回问答" })
    );
    var body = h("div", { class: "pr-body" });
    view.appendChild(tabBar);
    view.appendChild(body);

    function clear() {
      while (body.firstChild) body.removeChild(body.firstChild);
    }
    function fail(err) {
      clear();
      body.appendChild(h("p", { class: "pr-empty", role: "alert", text: (err && err.message) || "出错了，请稍后再试。" }));
    }
    function show(name) {
      for (var k in tabs) tabs[k].setAttribute("aria-pressed", String(k === name));
      if (name === "practice") home();
      else if (name === "mistakes") notebook();
      else progressView();
    }

    // --- practice ---------------------------------------------------------------------------------
    function home() {
      clear();
      var card = h("div", { class: "pr-card" }, [h("h3", { text: "选择练习内容" })]);
      var select = h("select", { class: "pr-topic", "aria-label": "练习的文档" });
      var start = h("button", { class: "pr-btn", type: "button", text: "开始练习（" + ROUND + " 题）", disabled: true });
      card.appendChild(select);
      card.appendChild(h("div", { class: "pr-actions" }, [start]));
      body.appendChild(card);
      call("GET", "/v1/practice/topics")
        .then(function (list) {
          if (!list.length) {
            card.appendChild(h("p", { class: "pr-empty", text: "题库中还没有通过审核的题目，请稍后再来。" }));
            return;
          }
          select.appendChild(h("option", { value: "", text: "全部文档" }));
          list.forEach(function (t) {
            select.appendChild(h("option", { value: t.doc_id, text: t.title + "（" + t.count + " 题）" }));
          });
          start.disabled = false;
        })
        .catch(fail);
      start.addEventListener("click", function () {
        start.disabled = true;
        call("POST", "/v1/practice/draw", { learner: learner, doc_id: select.value || null, count: ROUND })
          .then(function (data) {
            if (!data.items.length) {
              start.disabled = false;
              card.appendChild(h("p", { class: "pr-empty", text: "这部分题目都已答对，试试其他文档吧。" }));
              return;
            }
            round(data.items, 0, 0);
          })
          .catch(fail);
      });
    }

    function round(items, i, right) {
      clear();
      if (i >= items.length) {
        body.appendChild(
          h("div", { class: "pr-card", role: "status" }, [
            h("p", { class: "pr-stem pr-summary", text: "本次练习 " + items.length + " 题，答对 " + right + " 题。" }),
            h("div", { class: "pr-actions" }, [
              h("button", { class: "pr-btn", type: "button", text: "再练一组", onclick: home }),
              h("button", { class: "pr-btn secondary", type: "button", text: "查看错题本", onclick: function () { show("mistakes"); } }),
            ]),
          ])
        );
        return;
      }
      var item = items[i];
      var card = h("div", { class: "pr-card pr-question", "data-item-id": item.id });
      card.appendChild(h("h3", { text: "第 " + (i + 1) + "/" + items.length + " 题 · " + item.type_label + " · 《" + item.title + "》" }));
      card.appendChild(h("p", { class: "pr-stem", text: item.stem }));
      var inputs = [];
      var blank = null;
      if (item.type === "blank") {
        blank = h("input", { class: "pr-blank", type: "text", "aria-label": "填写答案", maxlength: "50" });
        card.appendChild(blank);
      } else {
        var opts = item.type === "judge" ? ["正确", "错误"] : item.options;
        var name = "pr-" + item.id;
        var list = h("ul", { class: "pr-opts", role: item.type === "multiple" ? "group" : "radiogroup", "aria-label": "选项" });
        opts.forEach(function (o, n) {
          var value = item.type === "judge" ? o : String.fromCharCode(65 + n);
          var input = h("input", { type: item.type === "multiple" ? "checkbox" : "radio", name: name, value: value });
          inputs.push(input);
          list.appendChild(h("li", null, [h("label", null, [input, h("span", { text: item.type === "judge" ? o : value + ". " + o })])]));
        });
        card.appendChild(list);
      }
      var submit = h("button", { class: "pr-btn", type: "button", text: "提交答案" });
      var actions = h("div", { class: "pr-actions" }, [submit]);
      card.appendChild(actions);
      body.appendChild(card);
      submit.addEventListener("click", function () {
        var answer;
        if (blank) answer = blank.value.trim();
        else
          answer = inputs
            .filter(function (x) {
              return x.checked;
            })
            .map(function (x) {
              return x.value;
            })
            .join("");
        if (!answer) return;
        submit.disabled = true;
        call("POST", "/v1/practice/answer", { learner: learner, item_id: item.id, answer: answer })
          .then(function (res) {
            inputs.forEach(function (x) {
              x.disabled = true;
            });
            if (blank) blank.disabled = true;
            var box = h("div", { class: "pr-result " + (res.correct ? "ok" : "bad"), role: "status" }, [
              h("p", { class: "pr-verdict", text: res.correct ? "回答正确" : "回答错误，正确答案：" + res.answer }),
              h("p", { class: "pr-expl", text: res.explanation }),
              h("p", { class: "pr-src", text: "出处：《" + res.source.title + "》" + (res.source.locator || "") }),
            ]);
            card.insertBefore(box, actions);
            submit.remove();
            actions.appendChild(
              h("button", {
                class: "pr-btn pr-next",
                type: "button",
                text: i + 1 < items.length ? "下一题" : "查看结果",
                onclick: function () {
                  round(items, i + 1, right + (res.correct ? 1 : 0));
                },
              })
            );
          })
          .catch(function (err) {
            submit.disabled = false;
            card.appendChild(h("p", { class: "pr-empty", role: "alert", text: err.message }));
          });
      });
    }

    // --- 错题本 and 进度 ------------------------------------------------------------------------------
    function notebook() {
      clear();
      call("GET", "/v1/practice/mistakes?learner=" + encodeURIComponent(learner))
        .then(function (list) {
          clear();
          if (!list.length) {
            body.appendChild(h("p", { class: "pr-empty", text: "错题本是空的。答错的题会自动收进这里。" }));
            return;
          }
          var ul = h("ul", { class: "pr-list pr-mistakes", "aria-label": "错题本" });
          list.forEach(function (m) {
            var lines = [h("p", { class: "pr-stem", text: m.item.stem })];
            (m.item.options || []).forEach(function (o, n) {
              lines.push(h("p", { class: "pr-src", text: String.fromCharCode(65 + n) + ". " + o }));
            });
            lines.push(h("p", { class: "pr-verdict", text: "正确答案：" + m.answer }));
            lines.push(h("p", { class: "pr-expl", text: m.explanation }));
            ul.appendChild(h("li", { class: "pr-card", "data-item-id": m.item.id }, lines));
          });
          body.appendChild(ul);
        })
        .catch(fail);
    }

    function progressView() {
      clear();
      call("GET", "/v1/practice/progress?learner=" + encodeURIComponent(learner))
        .then(function (list) {
          clear();
          if (!list.length) {
            body.appendChild(h("p", { class: "pr-empty", text: "还没有练习记录。" }));
            return;
          }
          var ul = h("ul", { class: "pr-list pr-progress", "aria-label": "练习进度" });
          list.forEach(function (p) {
            ul.appendChild(
              h("li", { class: "pr-card" }, [
                h("h3", { text: "《" + p.title + "》" }),
                h("p", {
                  class: "pr-stem",
                  text: "已答 " + p.answered + " 题，答对 " + p.correct + " 题，正确率 " + Math.round(p.rate * 100) + "%",
                }),
              ])
            );
          });
          body.appendChild(ul);
        })
        .catch(fail);
    }

    function close() {
      view.remove();
      ctx.onClose();
    }

    ctx.adoptStyles(CSS);
    ctx.mount(view);
    show("practice");
    return { close: close, learner: learner };
  }

  window.PartyStudyPractice = { open: open };
})();
