// Draws the echo map: focus sentences down, documents across (text only, never markup).
(function () {
  "use strict";
  var el = CC.el;
  var names = { v: "verbatim", c: "close", e: "echo", n: "none" };
  CC.loadData("echo-data").then(function (data) {
    if (!data) return;
    var table = document.getElementById("echo-grid");
    var head = el("tr");
    head.appendChild(el("th", "n", "#"));
    head.appendChild(el("th", null, "focus sentence"));
    data.docs.forEach(function (d) {
      var th = el("th", "doc-col", d[1]);
      th.title = d[0] + (d[2] ? " († news summary)" : "");
      head.appendChild(th);
    });
    head.appendChild(el("th", "n", "docs"));
    table.tHead.appendChild(head);
    var frag = document.createDocumentFragment();
    data.sentences.forEach(function (s, k) {
      var tr = el("tr");
      tr.appendChild(el("td", "n", s[0]));
      tr.appendChild(el("td", "text", s[1]));
      var code = data.codes[k], hits = data.hits[String(s[0])] || {}, echoed = 0;
      for (var d = 0; d < data.docs.length; d++) {
        var status = names[code.charAt(d)];
        var td = el("td", "cell m-" + status);
        var hit = hits[String(d)];
        if (hit) {
          echoed += 1;
          td.title = data.docs[d][0] + ": " + status + " " + hit[0].toFixed(2) + " — #" + hit[1] + " " + hit[2];
        } else {
          td.title = data.docs[d][0] + ": none";
        }
        tr.appendChild(td);
      }
      tr.appendChild(el("td", "n", echoed));
      frag.appendChild(tr);
    });
    table.tBodies[0].appendChild(frag);
    table.setAttribute("data-ready", "1");
  });
})();
