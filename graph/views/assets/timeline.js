/* allegraph timeline: draws the events and claims in #allegraph-data with vis-timeline.
 *
 * Safety: every string from the data reaches the page through textContent (items,
 * rows and details are DOM elements we build; vis-timeline gets elements, never
 * strings, through its templates) or the canvas of nothing at all. vis-timeline
 * also writes its own axis labels and clears elements with innerHTML: the page's
 * policy demands Trusted Types, and the default policy below lets through only
 * strings without "<" or "&" (which parse to plain text), so a string with markup
 * can never become elements, whoever passes it.
 */
(function () {
  "use strict";
  if (window.trustedTypes && window.trustedTypes.createPolicy) {
    window.trustedTypes.createPolicy("default", {
      createHTML: function (text) {
        if (/[<&]/.test(text)) throw new TypeError("allegraph: markup refused");
        return text;
      }
    });
  }
  var el = window.allegraphDetails.el;
  var info = window.allegraphDetails.info;
  var data = JSON.parse(document.getElementById("allegraph-data").textContent);
  var state = { ready: false };

  // -- header ---------------------------------------------------------------
  document.getElementById("summary").textContent = data.summary;
  document.getElementById("caveat").textContent = data.caveat;
  var notices = document.getElementById("notices");
  data.notices.forEach(function (text) { notices.appendChild(el("p", text, "notice")); });

  // -- details ------------------------------------------------------------------
  var details = document.getElementById("details");
  function showDetails(item) {
    details.replaceChildren(item ? info(item) : el("p", "Click an event or claim.", "empty"));
  }
  showDetails(null);

  // -- items, filtered by the legend ---------------------------------------------
  var hiddenStatuses = new Set();
  var hiddenLabels = new Set();
  var items = new vis.DataSet(data.items.map(function (d) {
    var item = {
      id: d.id, start: d.start, type: d.type, group: d.group, label: d.label,
      status: d.status, text: d.text, content: "",
      className: d.open ? "open-" + d.open : "",
      style: "background-color: " + d.color + "; border-color: " + d.border + ";"
    };
    if (d.end) item.end = d.end;
    return item;
  }));
  var byId = {};
  data.items.concat(data.undated).forEach(function (d) { byId[d.id] = d; });
  var view = new vis.DataView(items, {
    filter: function (i) { return !hiddenLabels.has(i.label) && !(i.status && hiddenStatuses.has(i.status)); }
  });
  var groups = new vis.DataSet(data.groups.map(function (name) { return { id: name, content: "", text: name }; }));

  // -- legend (doubles as the filter panel) ----------------------------------------
  function swatch(row) {
    var mark = el("span", null, "swatch");
    mark.style.backgroundColor = row.color;
    mark.style.borderColor = row.border || row.color;
    return mark;
  }
  function legendTable(container, title, rows, hidden) {
    window.allegraphDetails.legendTable(container, title, rows, hidden, swatch, function () {
      view.refresh();
    });
  }
  var legend = document.getElementById("legend");
  legendTable(legend, "Items", data.legend.labels, hiddenLabels);
  legendTable(legend, "Claim status (derived)", data.legend.statuses, hiddenStatuses);
  legend.appendChild(el("h2", "Dates"));
  var key = el("table", null, "legend");
  [["range", "uncertain date: earliest to latest day"], ["point", "date known to the day"]].forEach(function (row) {
    var tr = el("tr");
    var swatch = el("span", null, "swatch" + (row[0] === "point" ? " point" : ""));
    swatch.style.borderColor = "#555";
    [swatch, el("span", row[1])].forEach(function (content) {
      var td = el("td");
      td.appendChild(content);
      tr.appendChild(td);
    });
    key.appendChild(tr);
  });
  legend.appendChild(key);

  // -- undated items: listed, clickable ---------------------------------------------
  if (data.undated.length) {
    var undated = document.getElementById("undated");
    undated.appendChild(el("h2", "No date recorded (" + data.undated.length + ")"));
    var list = el("ul");
    data.undated.forEach(function (d) {
      var li = el("li");
      var button = el("button", d.text + " (" + d.label + (d.status ? ", " + d.status : "") + ")");
      button.type = "button";
      button.addEventListener("click", function () { showDetails(d.info); });
      li.appendChild(button);
      list.appendChild(li);
    });
    undated.appendChild(list);
  }

  // -- the timeline ------------------------------------------------------------------
  var container = document.getElementById("timeline");
  var options = {
    zoomable: true,
    showCurrentTime: false,
    moveable: true,
    selectable: true,
    stack: true,
    orientation: { axis: "top" },
    margin: { item: { horizontal: 4, vertical: 6 } },
    tooltip: { followMouse: false },
    xss: { disabled: false },
    template: function (item) { return el("span", item.text); },
    groupTemplate: function (group) { return group ? el("span", group.text) : el("span", ""); },
    // the page is ready when the first draw, fitted to every item, is laid out: vis
    // places range items by their dates in the redraw that follows it
    onInitialDrawComplete: function () { timeline.once("changed", ready); timeline.redraw(); }
  };
  var timeline = null;
  if (data.items.length) {
    timeline = new vis.Timeline(container, view, groups, options);
    timeline.on("select", function (p) {
      showDetails(p.items.length ? (byId[p.items[0]] || {}).info : null);
    });
  } else {
    // no axis without a date to put on it (not an empty axis around today)
    container.appendChild(el("p", data.undated.length
      ? "No event or claim here has a date: they are listed on the left."
      : "No event or claim matches the selection.", "empty"));
  }

  function ready() {
    if (state.ready) return;
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (!data.items.length) ready();

  window.allegraph = {
    timeline: timeline, items: items, view: view, state: state, showDetails: showDetails,
    shown: function () { return container.querySelectorAll(".vis-item-content").length; }
  };
})();
