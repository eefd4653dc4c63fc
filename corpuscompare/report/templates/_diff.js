// Draws the rows of a side-by-side diff from the page's data (text only, never markup).
(function () {
  "use strict";
  var el = CC.el;
  function side(ops, skip) {
    var td = el("td");
    ops.forEach(function (op) {
      if (op[0] === skip) return;
      var text = op[0] === "=" && skip === "-" && op.length > 2 ? op[2] : op[1];  // NEW's own writing
      td.appendChild(op[0] === "=" ? document.createTextNode(text) : el(op[0] === "-" ? "del" : "ins", null, text));
    });
    return td;
  }
  // clauses of NEW that OLD has word for word: underlined, offsets in the row's NEW text
  function underline(cell, offsets) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest(".tag") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [], node;
    while ((node = walker.nextNode())) nodes.push(node);
    var at = 0;
    nodes.forEach(function (text) {
      var start = at, end = at + text.data.length;
      at = end;
      for (var k = offsets.length - 2; k >= 0; k -= 2) {  // from the end: earlier offsets stay valid
        var a = Math.max(offsets[k], start), b = Math.min(offsets[k + 1], end);
        if (a >= b) continue;
        var piece = text.splitText(a - start);
        piece.splitText(b - a);
        var span = el("span", "reused");
        span.title = "a formulation OLD has word for word";
        piece.parentNode.replaceChild(span, piece);
        span.appendChild(piece);
      }
    });
  }
  CC.loadData("diff-rows").then(function (data) {
    var body = document.querySelector("#diff tbody");
    var after = {};
    data.ghosts.forEach(function (g) { (after[g[0]] = after[g[0]] || []).push(g[1]); });
    var frag = document.createDocumentFragment();
    function ghosts(r) {
      (after[r] || []).forEach(function (target) {
        var p = data.pairs[target];
        var tr = el("tr", "ghost");
        tr.appendChild(el("td", "n", p[1].join(",")));
        var td = el("td");
        td.colSpan = 2;
        td.appendChild(document.createTextNode("↪ moved: "));
        var a = el("a", null, "now at new " + p[2].join(","));
        a.href = "#p" + target;
        td.appendChild(a);
        tr.appendChild(td);
        tr.appendChild(el("td", "n"));
        frag.appendChild(tr);
      });
    }
    ghosts(-1);
    data.pairs.forEach(function (p, r) {
      var status = p[0], ops = p[4];
      var tr = el("tr", "pair s-" + status);
      tr.id = "p" + r;
      tr.setAttribute("data-status", status);
      if (p[5]) {
        tr.className += " role";
        tr.title = p[5] + ": not the speaker's text, not counted in the shares";
      }
      tr.appendChild(el("td", "n", p[1].join(",")));
      if (status === "same") {
        var both = el("td", "both", ops.map(function (op) { return op[1]; }).join(""));
        both.colSpan = 2;
        tr.appendChild(both);
      } else {
        var oldCell = side(ops, "+");
        oldCell.className = "old";
        var newCell = side(ops, "-");
        newCell.className = "new";
        if (status === "moved" || status === "split" || status === "merged") {
          newCell.insertBefore(el("span", "tag", status + (p[3] ? " " + p[3].toFixed(2) : "")), newCell.firstChild);
          newCell.insertBefore(document.createTextNode(" "), newCell.childNodes[1]);
        }
        if (data.reused && data.reused[r]) underline(newCell, data.reused[r]);
        if (data.figures && data.figures[r]) {
          data.figures[r].forEach(function (f) {
            var mark = { raised: "▲ ", lowered: "▼ " }[f[3]] || "";
            newCell.appendChild(el("div", "fig-edit", "figure: " + f[0] + " " + f[1] + " → " + f[2] + " " + mark + f[3]));
          });
        }
        tr.appendChild(oldCell);
        tr.appendChild(newCell);
      }
      tr.appendChild(el("td", "n", p[2].join(",")));
      if (p[5]) tr.children[tr.children.length - 2].appendChild(el("span", "tag role-tag", p[5]));
      frag.appendChild(tr);
      ghosts(r);
    });
    body.appendChild(frag);
    var rows = data.pairs.map(function (p, r) { return document.getElementById("p" + r); });
    foldRuns(body, data.pairs, rows);
    minimap(data.pairs, rows);
    navigation();
    document.body.setAttribute("data-ready", "1");
    if (location.hash) reveal(document.getElementById(location.hash.slice(1)));
    window.addEventListener("hashchange", function () { reveal(document.getElementById(location.hash.slice(1))); });
  });

  // runs of added, removed or unchanged sentences fold into one row ("12 sentences added")
  var FOLD_MIN = 3, WORD = { same: "unchanged", added: "added", removed: "removed" };
  function foldRuns(body, pairs, rows) {
    var r = 0;
    while (r < pairs.length) {
      var status = pairs[r][0], end = r;
      while (end + 1 < pairs.length && pairs[end + 1][0] === status) end++;
      if (WORD[status] && end - r + 1 >= FOLD_MIN) fold(body, rows.slice(r, end + 1), status);
      r = end + 1;
    }
  }
  function fold(body, run, status) {
    var tr = el("tr", "fold fold-" + status + " s-" + status);
    var td = el("td");
    td.colSpan = 4;
    var button = el("button", "unfold", run.length + " sentences " + WORD[status] + " — show");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    td.appendChild(button);
    tr.appendChild(td);
    body.insertBefore(tr, run[0]);
    run.forEach(function (row) { row.classList.add("folded"); row.foldRow = tr; });
    tr.run = run;
    button.addEventListener("click", function () { unfold(tr); });
  }
  function unfold(tr) {
    tr.run.forEach(function (row) { row.classList.remove("folded"); });
    tr.hidden = true;
  }
  function reveal(row) {
    if (!row) return;
    if (row.foldRow && row.classList.contains("folded")) unfold(row.foldRow);
    mark(row);
    row.scrollIntoView({ block: "center" });
  }
  var current = null;
  function mark(row) {
    if (current) current.classList.remove("current");
    current = row;
    row.classList.add("current");
  }

  // next and previous change: buttons, j and k; a change is a row that is not unchanged
  function changes() {
    return Array.prototype.filter.call(document.querySelectorAll("#diff tbody tr.pair, #diff tbody tr.fold"), function (tr) {
      return !tr.classList.contains("s-same") && tr.offsetParent !== null;
    });
  }
  function step(direction) {
    var list = changes();
    if (!list.length) return;
    var k = list.indexOf(current), next;
    if (k < 0) {  // from where the reader is: the first change below the top of the window
      next = direction > 0 ? list.find(function (tr) { return tr.getBoundingClientRect().top > 60; }) || list[list.length - 1]
        : list.slice().reverse().find(function (tr) { return tr.getBoundingClientRect().top < 0; }) || list[0];
    } else {
      next = list[Math.max(0, Math.min(list.length - 1, k + direction))];
    }
    mark(next);
    next.scrollIntoView({ block: "center" });
    var status = document.getElementById("nav-status");
    if (status) status.textContent = "change " + (list.indexOf(next) + 1) + " of " + list.length;
  }
  function navigation() {
    var next = document.getElementById("next-change"), prev = document.getElementById("prev-change");
    if (next) next.addEventListener("click", function () { step(1); });
    if (prev) prev.addEventListener("click", function () { step(-1); });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || /INPUT|SELECT|TEXTAREA/.test(event.target.tagName)) return;
      if (event.key === "j") step(1);
      if (event.key === "k") step(-1);
    });
    document.querySelectorAll("input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        box.getAttribute("data-kind").split(" ").forEach(function (kind) {
          document.body.classList.toggle("hide-" + kind, !box.checked);
        });
      });
    });
  }

  // the mini-map: where the changes are in the document; a click goes there
  function minimap(pairs, rows) {
    var n = pairs.length;
    if (!n) return;
    var map = el("div", "minimap");
    map.setAttribute("aria-hidden", "true");
    map.title = "where the changes are: click to go there";
    pairs.forEach(function (p, r) {
      if (p[0] === "same") return;
      var tick = el("span", "s-" + p[0]);
      tick.style.top = (r / n * 100).toFixed(3) + "%";
      tick.style.height = Math.max(100 / n, 0.25).toFixed(3) + "%";
      map.appendChild(tick);
    });
    map.addEventListener("click", function (event) {
      var box = map.getBoundingClientRect();
      var r = Math.min(n - 1, Math.max(0, Math.floor((event.clientY - box.top) / box.height * n)));
      reveal(rows[r]);
    });
    document.body.appendChild(map);
  }
})();
