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
        tr.appendChild(oldCell);
        tr.appendChild(newCell);
      }
      tr.appendChild(el("td", "n", p[2].join(",")));
      if (p[5]) tr.children[tr.children.length - 2].appendChild(el("span", "tag role-tag", p[5]));
      frag.appendChild(tr);
      ghosts(r);
    });
    body.appendChild(frag);
    document.body.setAttribute("data-ready", "1");
    if (location.hash) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }
  });
})();
