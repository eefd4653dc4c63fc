// The report index: keyword-in-context panel for phrases, details of a continuity cell.

(function () {
  "use strict";
  // a word for a POSIX shell, as Python's shlex.quote makes it: pasting a command never runs
  // what a file name says ($(…), backquotes, ;)
  function shq(word) {
    return /^[A-Za-z0-9@%+=:,.\/_-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\"'\"'") + "'";
  }
  var el = CC.el;
  var panel = document.getElementById("kwic");
  var kwic = null;
  function showKwic(phrase) {
    (kwic ? Promise.resolve(kwic) : CC.loadData("kwic-data")).then(function (data) {
      kwic = data;
      var lines = data[phrase] || [];
      var title = panel.querySelector(".kwic-title");
      title.textContent = phrase + " — " + lines.length + " line" + (lines.length === 1 ? "" : "s");
      var body = panel.querySelector("tbody");
      while (body.firstChild) body.removeChild(body.firstChild);
      lines.forEach(function (line) {
        var tr = el("tr");
        tr.appendChild(el("td", "kw-doc", line[0]));
        tr.appendChild(el("td", "n", line[1] === null ? "" : line[1]));
        tr.appendChild(el("td", "kw-left", line[2]));
        tr.appendChild(el("td", "kw-hit", line[3]));
        tr.appendChild(el("td", "kw-right", line[4]));
        body.appendChild(tr);
      });
      panel.hidden = false;
      panel.scrollIntoView({ block: "nearest" });
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-kwic]");
    if (target) {
      event.preventDefault();
      showKwic(target.getAttribute("data-kwic"));
      return;
    }
    var cell = event.target.closest("td.pick");
    if (cell) {
      event.preventDefault();
      var table = document.getElementById("matrix");
      var older = ids[Number(cell.getAttribute("data-i"))], newer = ids[Number(cell.getAttribute("data-j"))];
      var names = statusNames;
      var counts = cell.getAttribute("data-c").split(",");
      var box = document.getElementById("pair-panel");
      box.querySelector(".pair-title").textContent = older + " → " + newer;
      box.querySelector(".pair-summary").textContent = newer + " continues " + older + ": " + cell.title + " — " +
        names.map(function (n, k) { return n + " " + counts[k]; }).join(" · ");
      var corpus = table.getAttribute("data-corpus");
      box.querySelector(".pair-cmd").textContent =
        "corpuscompare diff " + shq(corpus + "@" + older) + " " + shq(corpus + "@" + newer) + " -f html -o diff.html";
      box.hidden = false;
    }
  });
  document.querySelectorAll(".panel .close").forEach(function (button) {
    button.addEventListener("click", function () { button.closest(".panel").hidden = true; });
  });
  CC.loadData("matrix-data").then(function (data) {
    var table = document.getElementById("matrix");
    if (!data || !table) return;
    var n = data.ids.length, byPair = {};
    data.cells.forEach(function (c) { byPair[c[0] + "," + c[1]] = c; });
    var head = el("tr");
    head.appendChild(el("th", null, "newer ↓ / older →"));
    for (var i = 0; i < n - 1; i++) {
      var th = el("th", "doc-col", data.labels[i]);
      th.title = data.ids[i];
      head.appendChild(th);
    }
    table.tHead.appendChild(head);
    var measure = document.getElementById("matrix-measure");
    function draw() {
      var formulations = measure && measure.value === "formulations";
      var frag = document.createDocumentFragment();
      for (var j = 1; j < n; j++) {
        var tr = el("tr");
        var rowHead = el("th", null, data.labels[j]);
        rowHead.title = data.ids[j];
        tr.appendChild(rowHead);
        for (var k = 0; k < n - 1; k++) {
          var c = byPair[k + "," + j];
          if (!c) { tr.appendChild(el("td", "empty")); continue; }
          var value = formulations ? c[5] : c[2];
          var td = el("td", "q" + Math.min(10, Math.floor(value * 10)));
          var text = String(Math.round(value * 100));
          var share = (c[2] * 100).toFixed(1) + "% by sentences, " + (c[5] * 100).toFixed(1) + "% by formulations";
          if (c[4]) {
            var a = el("a", null, text);
            a.href = c[4];
            a.title = share;
            td.appendChild(a);
          } else {
            td.className += " pick";
            td.textContent = text;
            td.title = share;
            td.setAttribute("data-i", k);
            td.setAttribute("data-j", j);
            td.setAttribute("data-c", c[3]);
          }
          tr.appendChild(td);
        }
        frag.appendChild(tr);
      }
      table.tBodies[0].textContent = "";
      table.tBodies[0].appendChild(frag);
      table.setAttribute("data-measure", formulations ? "formulations" : "sentences");
    }
    draw();
    if (measure) measure.addEventListener("change", draw);
    table.setAttribute("data-ready", "1");
  });
  var ids = null, statusNames = [];
  CC.loadData("matrix-data").then(function (data) {
    ids = data ? data.ids : null;
    statusNames = data ? data.names : [];
  });
  // the front page: one brief at a time, picked by period
  var pick = document.getElementById("brief-pick");
  if (pick) {
    var stored = null;
    pick.addEventListener("change", function () {
      var k = pick.value;
      (stored ? Promise.resolve(stored) : CC.loadData("briefs-data")).then(function (data) {
        stored = data || {};
        if (!document.getElementById("brief-" + k) && stored[k]) {
          // our own markup, rendered by the report's autoescaping template (corpus text escaped there)
          var holder = document.createElement("template");
          holder.innerHTML = stored[k];
          pick.closest("section").querySelector("details").appendChild(holder.content);
        }
        document.querySelectorAll("article.brief").forEach(function (a) {
          a.hidden = a.getAttribute("data-brief") !== k;
        });
        document.body.setAttribute("data-brief", k);
      });
    });
  }
  // folding: every section, at once; a link into a folded section opens it
  function foldAll(open) {
    document.querySelectorAll("main section > details").forEach(function (d) { d.open = open; });
  }
  var fold = document.getElementById("fold-all"), unfold = document.getElementById("unfold-all");
  if (fold) fold.addEventListener("click", function () { foldAll(false); });
  if (unfold) unfold.addEventListener("click", function () { foldAll(true); });
  function reveal(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.tagName === "TR" && node.classList.contains("extra")) node.closest("table").classList.remove("capped");
    }
    target.scrollIntoView({ block: "start" });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    event.preventDefault();
    var brief = /^#brief-(\d+)$/.exec(link.getAttribute("href"));
    if (brief && pick) {  // a pair of the year-over-year table: its brief on the front page
      pick.value = brief[1];
      pick.dispatchEvent(new Event("change"));
      history.replaceState(null, "", "#new");
      reveal("new");
      return;
    }
    history.replaceState(null, "", link.getAttribute("href"));
    reveal(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  document.body.setAttribute("data-ready", "1");
})();
