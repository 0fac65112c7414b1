/* PAT proposal builder: autosave with offline retry, word counts, totals of SADD targets.
   Every page works without this file; it only saves typing and clicks. */
(function () {
  "use strict";
  // The builder's pages, or the project's results page (the same matrix editor).
  var root = document.querySelector(".builder") || document.getElementById("matrix-form");
  if (!root) return;
  var DELAY = 2000, RETRY = 5000;
  var code = root.getAttribute("data-code");
  function t(name) {
    var own = root.getAttribute("data-t-" + name), form = document.getElementById("matrix-form");
    return own || (form && form.getAttribute("data-t-" + name)) || "";
  }
  function words(text) { var m = text.match(/\S+/g); return m ? m.length : 0; }

  // One request at a time for the whole page: kinder to slow links, and saves
  // arrive in the order they were typed.
  var queue = Promise.resolve();
  function enqueue(job) { var next = queue.then(job, job); queue = next.catch(function () {}); return next; }

  function refreshPanel() {
    enqueue(function () { return fetch(root.getAttribute("data-panel"), { credentials: "same-origin", headers: { "HX-Request": "true" } }); })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        var panel = document.getElementById("readiness");
        if (html && panel) panel.outerHTML = html;
      })
      .catch(function () {});
  }

  function updateCounts() {
    var shared = {};
    document.querySelectorAll("form[data-key]").forEach(function (form) {
      var group = form.getAttribute("data-shared");
      var n = words(form.querySelector("textarea").value);
      if (group) shared[group] = (shared[group] || 0) + n;
    });
    document.querySelectorAll("form[data-key]").forEach(function (form) {
      var count = form.querySelector("[data-count]");
      if (!count) return;
      var group = form.getAttribute("data-shared");
      var n = group ? shared[group] : words(form.querySelector("textarea").value);
      var limit = parseInt(count.getAttribute("data-limit") || "0", 10);
      count.querySelector("[data-n]").textContent = n;
      count.classList.toggle("over", limit > 0 && n > limit);
    });
  }

  function Saver(form) {
    var area = form.querySelector("textarea");
    var status = form.querySelector("[data-status]");
    var store = "pat:draft:" + code + ":" + form.getAttribute("data-key");
    var timer = null, busy = false, dirty = false, stopped = false;

    function say(text, kind) { status.textContent = text; status.className = "status " + (kind || ""); }
    function stash() {
      try {
        localStorage.setItem(store, JSON.stringify({
          text: area.value, version: form.elements.version.value, at: Date.now()
        }));
      } catch (e) { /* storage full or blocked: the server copy still stands */ }
    }
    function later(ms) { clearTimeout(timer); timer = setTimeout(send, ms); }
    function send() {
      clearTimeout(timer);
      if (stopped || !dirty) return;
      if (busy) { later(DELAY); return; }
      busy = true; dirty = false;
      var sent = area.value;
      say(t("saving"));
      var body = new FormData(form);
      enqueue(function () {
        return fetch(form.action, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "Accept": "application/json" }
        });
      }).then(function (r) {
        var type = r.headers.get("content-type") || "";
        // A sign-in page or an error page: the server answered but did not save.
        if (type.indexOf("json") < 0) return { status: 0, body: {} };
        return r.json().then(function (body) { return { status: r.status, body: body }; });
      }).then(function (res) {
        busy = false;
        if (res.status === 200) {
          form.elements.version.value = res.body.version;
          form.elements.base.value = res.body.base;
          // The objective lives on the project: saving it moves the project's version, which
          // the matrix form on the same page carries. Follow it only when this save was the
          // one move since the page was drawn, so another person's change is still refused.
          var matrixVersion = document.querySelector("#matrix-form [name=version]");
          if (matrixVersion && res.body.project_version &&
              Number(matrixVersion.value) === res.body.project_version - 1) {
            matrixVersion.value = res.body.project_version;
          }
          say(res.body.saved_label, "ok");
          if (area.value === sent) localStorage.removeItem(store); else { dirty = true; later(DELAY); }
          refreshPanel();
        } else if (res.status === 409) {
          stopped = true; stash();
          var box = document.createElement("div");
          box.className = "conflict"; box.setAttribute("role", "alert");
          box.textContent = res.body.conflict;
          form.insertBefore(box, form.firstChild);
          say("");
        } else if (res.status === 400) {
          stopped = true; stash();
          var errors = res.body.errors;
          say((Array.isArray(errors) ? errors.join(" ") : "") || t("failed"), "offline");
        } else {
          dirty = true; stash(); say(t("failed"), "offline"); later(RETRY);
        }
      }).catch(function () {
        busy = false; dirty = true; stash();
        say(t("offline"), "offline");
        later(RETRY);
      });
    }
    area.addEventListener("input", function () {
      dirty = true; stash(); updateCounts(); say(t("unsaved")); later(DELAY);
    });
    area.addEventListener("blur", send);
    window.addEventListener("online", send);
    form.addEventListener("submit", function (event) { event.preventDefault(); dirty = true; send(); });

    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(store) || "null"); } catch (e) { kept = null; }
    if (kept && kept.text !== area.value) {
      if (String(kept.version) === form.elements.version.value) {
        area.value = kept.text; dirty = true; say(t("restored"), "offline"); updateCounts(); later(500);
      } else {
        var note = document.createElement("details");
        note.open = true;
        var summary = document.createElement("summary");
        summary.textContent = t("stale");
        var pre = document.createElement("pre");
        pre.textContent = kept.text;
        note.appendChild(summary); note.appendChild(pre);
        form.appendChild(note);
        localStorage.removeItem(store);
      }
    } else if (kept) {
      localStorage.removeItem(store);
    }
  }

  function number(input) {
    var v = parseFloat((input.value || "").replace(/,/g, ""));
    return isNaN(v) ? null : v;
  }
  function Totals(box) {
    var counts = box.querySelector("[data-counts]");
    var grid = box.querySelector("[data-grid]");
    var target = box.querySelector("[data-target]");
    var out = box.querySelector("[data-total]");
    function update() {
      grid.hidden = !counts.checked;
      var sum = 0, any = false;
      box.querySelectorAll("[data-cell]").forEach(function (c) {
        var v = number(c); if (v !== null) { sum += v; any = true; }
      });
      var goal = number(target);
      out.classList.remove("mismatch");
      if (!any) { out.textContent = ""; return; }
      if (goal === null) { out.textContent = t("sum-none").replace("%s", sum); return; }
      if (goal === sum) { out.textContent = t("sum-ok").replace("%s", sum); return; }
      var d = sum - goal;
      out.textContent = t("sum-diff").replace("%s", sum).replace("%t", goal).replace("%d", (d > 0 ? "+" : "") + d);
      out.classList.add("mismatch");
    }
    var bands = box.querySelector("[data-bandset]"), show = box.querySelector("[data-show]");
    if (bands && show) bands.addEventListener("change", function () { show.click(); });
    box.addEventListener("input", update);
    box.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("form[data-autosave]").forEach(Saver);
  document.querySelectorAll("[data-indicator]").forEach(Totals);
  updateCounts();
})();
