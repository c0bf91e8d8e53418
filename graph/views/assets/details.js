/* allegraph: the details of a node or relationship, as text, for the side panel and
 * the tooltip of every page (graph view, timeline). `item` is the `info` the page
 * data holds for it (allegraph.views.payload): a heading, a kind, property pairs
 * and its sources; and the legend tables that filter what is drawn. Every string
 * goes on the page through textContent.
 */
(function () {
  "use strict";
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function info(item) {
    var box = el("div", null, "info");
    box.appendChild(el("h3", item.heading));
    box.appendChild(el("div", item.kind, "kind"));
    var dl = el("dl");
    item.fields.forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1]));
    });
    box.appendChild(dl);
    var sources = el("div");
    sources.appendChild(el("strong", item.sources.length ? "Sources" : "Sources: none recorded"));
    var list = el("ol");
    item.sources.forEach(function (src) {
      var li = el("li");
      li.appendChild(el("div", src.name));
      src.fields.forEach(function (pair) {
        li.appendChild(el("div", pair[0] + ": " + pair[1], pair[0] === "url" ? "url" : null));
      });
      list.appendChild(li);
    });
    sources.appendChild(list);
    box.appendChild(sources);
    return box;
  }

  // A legend table that doubles as the filter panel: one row per name with a
  // checkbox (ticked: shown), a swatch, the name and its count. Unticking adds the
  // name to `hidden`; then `changed()` redraws. `boxes` collects {box, hidden, name}.
  function legendTable(container, title, rows, hidden, swatch, changed, boxes) {
    if (!rows.length) return;
    container.appendChild(el("h2", title));
    var table = el("table", null, "legend");
    rows.forEach(function (row, i) {
      var tr = el("tr");
      var id = "f-" + title.replace(/\W+/g, "-").toLowerCase() + "-" + i;
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.id = id;
      if (boxes) boxes.push({ box: box, hidden: hidden, name: row.name });
      box.addEventListener("change", function () {
        if (box.checked) hidden.delete(row.name); else hidden.add(row.name);
        changed();
      });
      var name = el("label", row.name);
      name.htmlFor = id;
      [box, swatch(row), name, el("span", row.count)].forEach(function (content, j) {
        var td = el("td", null, j === 3 ? "count" : null);
        td.appendChild(content);
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    container.appendChild(table);
  }

  window.allegraphDetails = { el: el, info: info, legendTable: legendTable };
})();
