/* allegraph view: draws the graph embedded in #allegraph-data with vis-network.
 *
 * Safety: every string that comes from the data reaches the page through
 * textContent, setAttribute of a fixed attribute, or the canvas (vis labels).
 * Nothing is ever assigned to innerHTML, and vis never gets a `title`, so it
 * never renders a tooltip itself: ours is built from DOM text nodes.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("allegraph-data").textContent);
  var state = { ready: false, settled: false };

  // el (an element with text) and info (a node's or relationship's details): details.js
  var el = window.allegraphDetails.el;
  var info = window.allegraphDetails.info;

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  // -- header ---------------------------------------------------------------
  document.getElementById("summary").textContent = data.summary;
  document.getElementById("caveat").textContent = data.caveat;
  var notices = document.getElementById("notices");
  data.notices.forEach(function (text) { notices.appendChild(el("p", text, "notice")); });

  // -- data and filters -----------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenLabels = new Set();
  var hiddenStatuses = new Set();
  var hiddenTypes = new Set();
  var hiddenStances = new Set();
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) {
      return !hiddenLabels.has(n.nodeLabel) && !(n.status && hiddenStatuses.has(n.status));
    }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return !hiddenTypes.has(e.relType) && !(e.stance && hiddenStances.has(e.stance)) && nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
    }
  });
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  // -- legend (doubles as the filter panel) ----------------------------------
  var SHAPES = {
    dot: function () { return svg("circle", { cx: 9, cy: 9, r: 6 }); },
    square: function () { return svg("rect", { x: 3, y: 3, width: 12, height: 12 }); },
    box: function () { return svg("rect", { x: 1, y: 4, width: 16, height: 10, rx: 3 }); },
    triangle: function () { return svg("polygon", { points: "9,2 16,15 2,15" }); },
    diamond: function () { return svg("polygon", { points: "9,1 17,9 9,17 1,9" }); },
    star: function () { return svg("polygon", { points: "9,1 11,7 17,7 12,11 14,17 9,13 4,17 6,11 1,7 7,7" }); }
  };
  function nodeSwatch(shape, fill, stroke) {
    var box = svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" });
    var mark = (SHAPES[shape] || SHAPES.dot)();
    mark.setAttribute("fill", fill);
    mark.setAttribute("stroke", stroke);
    mark.setAttribute("stroke-width", "1.5");
    box.appendChild(mark);
    return box;
  }
  function edgeSwatch(style) {
    var box = svg("svg", { width: 44, height: 14, viewBox: "0 0 44 14", "aria-hidden": "true" });
    var line = svg("line", { x1: 2, y1: 7, x2: 36, y2: 7, stroke: style.color, "stroke-width": Math.max(1, style.width) });
    if (Array.isArray(style.dashes)) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    else if (style.dashes) line.setAttribute("stroke-dasharray", "5 5");
    box.appendChild(line);
    var head = style.arrow === "bar" ? svg("line", { x1: 38, y1: 1, x2: 38, y2: 13, stroke: style.color, "stroke-width": 3 })
      : style.arrow === "circle" ? svg("circle", { cx: 38, cy: 7, r: 4, fill: style.color })
        : svg("polygon", { points: "36,2 43,7 36,12", fill: style.color });
    box.appendChild(head);
    return box;
  }
  var checkboxes = [];  // {box, hidden, name}: lets search show a filtered-out node again
  function legendTable(container, title, rows, hidden, swatch) {
    window.allegraphDetails.legendTable(container, title, rows, hidden, swatch, refresh, checkboxes);
  }
  var legend = document.getElementById("legend");
  legendTable(legend, "Nodes", data.legend.labels, hiddenLabels, function (r) {
    return nodeSwatch(r.shape, r.color, r.color);
  });
  legendTable(legend, "Claim status (derived)", data.legend.statuses, hiddenStatuses, function (r) {
    return nodeSwatch(data.legend.statusShape, r.color, data.legend.statusBorder);
  });
  legendTable(legend, "Relationships", data.legend.relationships, hiddenTypes, edgeSwatch);
  var disputeStyle = data.legend.relationships.filter(function (r) { return r.name === "DISPUTED_BY"; })[0];
  legendTable(legend, "Dispute stance", data.legend.stances || [], hiddenStances, function (r) {
    var style = disputeStyle || { width: 2, dashes: false, arrow: "bar" };
    return edgeSwatch({ color: r.color, width: style.width, dashes: style.dashes, arrow: style.arrow });
  });

  // -- details: the same text for the tooltip and the side panel -------------
  var details = document.getElementById("details");
  function showDetails(item) {
    details.replaceChildren(item ? info(item) : el("p", "Click a node or relationship.", "empty"));
  }
  showDetails(null);

  // -- network ---------------------------------------------------------------
  var container = document.getElementById("network");
  // settle: lay out, then show; live: show at once (nodes start on a spiral) and
  // settle while shown; fixed: physics off, positions from the page data.
  var mode = data.layout;
  var options = {
    autoResize: true,
    nodes: { font: { size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 2 },
    edges: { font: { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: mode === "settle" ? { type: "dynamic" } : mode === "live" ? { type: "continuous" } : false,
      selectionWidth: 2 },
    physics: mode === "fixed" ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.015, springLength: 100, springConstant: 0.08,
        avoidOverlap: mode === "settle" ? 0.8 : 0 },
      stabilization: mode === "settle" ? { iterations: 400, fit: true } : { enabled: false },
      minVelocity: mode === "live" ? 1.0 : 0.75
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: mode !== "settle", navigationButtons: false, keyboard: false },
    layout: { improvedLayout: mode === "settle" && data.nodes.length <= 150, randomSeed: 7 }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  var tooltip = document.getElementById("tooltip");
  function placeTooltip(item, pointer) {
    if (!item) { tooltip.hidden = true; return; }
    tooltip.replaceChildren(info(item));
    tooltip.hidden = false;
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = container.clientWidth, h = container.clientHeight;
    if (x + tooltip.offsetWidth > w) x = Math.max(0, pointer.x - tooltip.offsetWidth - 14);
    if (y + tooltip.offsetHeight > h) y = Math.max(0, h - tooltip.offsetHeight - 4);
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function nodeInfo(id) { var n = nodes.get(id); return n ? n.info : null; }
  function edgeInfo(id) { var e = edges.get(id); return e ? e.info : null; }
  network.on("hoverNode", function (p) { placeTooltip(nodeInfo(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { placeTooltip(edgeInfo(p.edge), p.pointer.DOM); });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeInfo(p.nodes[0]));
    else if (p.edges.length) showDetails(edgeInfo(p.edges[0]));
    else showDetails(null);
  });

  // -- search by name or alias -------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  var results = document.getElementById("search-results");
  var input = document.getElementById("search");
  function find(query) {
    var q = fold(query);
    if (!q) return [];
    return nodes.get({ filter: function (n) { return n.search.some(function (k) { return k.indexOf(q) !== -1; }); } });
  }
  function focusNode(id) {
    if (nodeView.get(id) === null) {
      // The node is filtered out: show its label and status again so it can be seen.
      var n = nodes.get(id);
      hiddenLabels.delete(n.nodeLabel);
      if (n.status) hiddenStatuses.delete(n.status);
      checkboxes.forEach(function (c) { c.box.checked = !c.hidden.has(c.name); });
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showDetails(nodeInfo(id));
  }
  function renderResults() {
    var found = find(input.value);
    results.replaceChildren();
    if (!input.value.trim()) return;
    if (!found.length) { results.appendChild(el("li", "No node matches.", "none")); return; }
    found.slice(0, 50).forEach(function (n) {
      var li = el("li");
      var button = el("button", n.info.heading + " (" + n.nodeLabel + ")");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(n.id); });
      li.appendChild(button);
      results.appendChild(li);
    });
    if (found.length > 50) results.appendChild(el("li", (found.length - 50) + " more: type more of the name.", "none"));
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = find(input.value);
      if (found.length) focusNode(found[0].id);
    }
  });

  // -- readiness, for people (the caption) and for tests (window.allegraph) ----
  function ready() {
    if (state.ready) return;
    state.ready = true;
    if (mode === "settle") network.fit();
    document.body.setAttribute("data-ready", "true");
  }
  // (vis does not stabilise an empty network, so an empty view is ready once drawn)
  if (mode === "settle" && data.nodes.length) network.once("stabilizationIterationsDone", ready);
  else network.once("afterDrawing", ready);
  network.once("stabilized", function () {
    if (mode === "live") network.fit();
    state.settled = true;
    document.body.setAttribute("data-settled", "true");
  });
  if (mode === "fixed") { state.settled = true; document.body.setAttribute("data-settled", "true"); }
  // A big graph can jitter for minutes without ever getting still: stop it after
  // LIVE_SECONDS (dragging a node starts it again). Stopping emits "stabilized".
  var LIVE_SECONDS = 20;
  if (mode === "live") setTimeout(function () { if (!state.settled) network.stopSimulation(); }, LIVE_SECONDS * 1000);

  window.allegraph = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    state: state, find: find, focusNode: focusNode,
    shown: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    }
  };
})();
