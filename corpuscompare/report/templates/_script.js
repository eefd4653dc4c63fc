// corpuscompare pages: data from the page itself (never fetched), text-only DOM building.
var CC = (function () {
  "use strict";
  function loadData(id) {
    var el = document.getElementById(id);
    if (!el) return Promise.resolve(null);
    var text = el.textContent;
    if (el.getAttribute("data-encoding") === "json") return Promise.resolve(JSON.parse(text));
    // gzip of UTF-16 text, base64: decoded here, in memory (DecompressionStream), never fetched
    var bin = atob(text.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return JSON.parse(new TextDecoder("utf-16le").decode(buffer));
    });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  return { loadData: loadData, el: el };
})();
