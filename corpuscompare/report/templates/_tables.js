// Sortable and filterable tables.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-value");
    return v !== null ? v : cell.textContent.trim();
  }
  // long tables show their top rows, with a button for the rest (a filter searches all)
  var SHOWN = 20, CAP_ABOVE = 25;
  function mark(table) {
    if (!table.classList.contains("long")) return;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, k) { row.classList.toggle("extra", k >= SHOWN); });
  }
  function capped(table) {
    var n = table.tBodies[0].rows.length;
    if (n <= CAP_ABOVE) return;
    table.classList.add("long", "capped");
    mark(table);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "show-all";
    button.textContent = "show all " + n + " rows";
    button.addEventListener("click", function () {
      var open = table.classList.toggle("capped");
      button.textContent = open ? "show all " + n + " rows" : "show the top " + SHOWN + " rows";
    });
    var after = table.parentElement.classList.contains("scroll") ? table.parentElement : table;
    after.insertAdjacentElement("afterend", button);
  }
  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num";
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
          return asc ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        mark(table);
      });
    });
  }
  function filterable(input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      table.classList.toggle("filtering", q !== "");
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  document.querySelectorAll("table.sortable").forEach(sortable);
  document.querySelectorAll("table.sortable").forEach(capped);
  document.querySelectorAll("input.filter[data-table]").forEach(filterable);
})();
