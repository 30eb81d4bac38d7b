// The page script of `kg export html`: the network, focus and filters,
// labels, and the search box. Its data is the JSON block #kg-data
// (kg/views/network.py and cards.py); search is kgNameSearch
// (page_search.js), the cards kgCard (page_card.js), label placement
// kgLabels (page_labels.js).
//
// Note text is only ever put into the page with textContent: text from the
// notes is data, never markup. Keep it that way when editing.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var DIM_NODE = 0.15, DIM_EDGE = 0.07, EDGE_OPACITY = 0.85;
  var FONT = "#222222", DIM_FONT = "rgba(34,34,34,0.18)";
  var SHELF_SPACING = 80, MAX_FOCUS_ZOOM = 1.2, LABEL_BUDGET = 30, EDGE_LABEL = 11;
  // vis-network 9.1 keeps drawing an edge's old label when it is set to ""
  // (or null): a blank label is one space.
  var NO_LABEL = " ";

  // ---- indexes ----

  // Node ids are concept ids, except the few vis-network cannot take
  // (see _vis_id in network.py).
  var nodeOf = Object.create(null);          // concept id -> node record
  var nodeById = Object.create(null);        // vis id -> node record
  data.nodes.forEach(function (node) { nodeOf[node.conceptId] = node; nodeById[node.id] = node; });
  var edgeById = Object.create(null);
  var edgesAt = Object.create(null);         // vis node id -> its drawn edges
  data.edges.forEach(function (edge) {
    edgeById[edge.id] = edge;
    (edgesAt[edge.from] = edgesAt[edge.from] || []).push(edge);
    (edgesAt[edge.to] = edgesAt[edge.to] || []).push(edge);
  });
  var card = document.getElementById("kg-card");
  var cards = kgCard(data, card, { focus: focusConcept, close: clearFocus });
  var make = cards.make, plural = cards.plural, clip = cards.clip, conceptOf = cards.conceptOf;

  // ---- the network ----

  function edgeColour(type, opacity) {
    var colour = (data.styles.relations[type] || {}).color || {};
    return { color: colour.color, highlight: colour.highlight, hover: colour.hover, opacity: opacity };
  }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, data.styles.categories[node.category], node, { title: cards.nodeTooltip(node.conceptId) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return Object.assign({}, data.styles.relations[edge.relationType], edge,
                         { title: cards.edgeTooltip(cards.relationOfEdge[edge.id]) });
  }));
  var status = document.getElementById("kg-status");
  var network = new vis.Network(document.getElementById("kg-graph"), { nodes: [], edges: [] }, data.options);
  var started = performance.now();
  window.kgReady = false;
  window.kgNetwork = network;
  window.kgData = { nodes: nodes, edges: edges };

  // ---- what is shown: filters and focus ----

  var isolatedCount = data.nodes.filter(function (node) { return node.isolated; }).length;
  var state = {
    focus: null,          // concept id
    depth: 1,
    local: false,         // hide, rather than dim, what is outside the focus
    hiddenTypes: Object.create(null),
    hiddenCategories: Object.create(null),
    minMentions: 0,
    showIsolated: false,
    hoverEdge: null,
  };
  var applied = Object.create(null);  // item id -> last update sent, as a string
  var near = Object.create(null);     // vis node id -> hops from the focus (focus only)

  function passes(node) {
    if (node.conceptId === data.centre || node.conceptId === state.focus) { return true; }
    if (state.hiddenCategories[node.category]) { return false; }
    if (node.mentions < state.minMentions) { return false; }
    return !(node.isolated && !state.showIsolated);
  }

  function edgeShown(edge, visible) {
    return !state.hiddenTypes[edge.relationType] && visible[edge.from] && visible[edge.to];
  }

  // Concepts within state.depth hops of the focus along the edges shown.
  function neighbourhood(visible) {
    var hops = Object.create(null);
    if (state.focus === null) { return hops; }
    var start = nodeOf[state.focus].id;
    hops[start] = 0;
    var frontier = [start];
    for (var hop = 1; hop <= state.depth && frontier.length; hop++) {
      var next = [];
      frontier.forEach(function (id) {
        (edgesAt[id] || []).forEach(function (edge) {
          if (!edgeShown(edge, visible)) { return; }
          var other = edge.from === id ? edge.to : edge.from;
          if (!(other in hops)) { hops[other] = hop; next.push(other); }
        });
      });
      frontier = next;
    }
    return hops;
  }

  function sendChanges(dataSet, prefix, updates) {
    var changed = updates.filter(function (update) {
      var key = JSON.stringify(update);
      if (applied[prefix + update.id] === key) { return false; }
      applied[prefix + update.id] = key;
      return true;
    });
    if (changed.length) { dataSet.update(changed); }
  }

  // ---- labels: by importance, and as many as the zoom leaves room for ----

  // A concept's importance: the share of the page's concepts it is mentioned
  // more often than (0 to 1), so labels follow rank, not raw counts.
  var importance = Object.create(null);
  (function () {
    var counts = data.nodes.map(function (node) { return node.mentions; }).sort(function (a, b) { return a - b; });
    var below = Object.create(null);
    counts.forEach(function (count, i) { if (!(count in below)) { below[count] = i; } });
    data.nodes.forEach(function (node) {
      importance[node.id] = counts.length > 1 ? below[node.mentions] / (counts.length - 1) : 1;
    });
  }());
  var byImportance = data.nodes.slice().sort(function (a, b) {
    return importance[b.id] - importance[a.id] || (a.id < b.id ? -1 : 1);
  });
  var labels = { scale: 1, fitScale: null, chosen: { nodes: Object.create(null), edges: Object.create(null) } };

  var measure = kgLabels.measurer(data.options.nodes.font.face);

  // Which names to draw, and how large (screen pixels). Zoomed out to the
  // whole graph, about LABEL_BUDGET of the most mentioned concepts are
  // named; zooming in by z names z^2 times more (a screenful then holds
  // that many fewer concepts). With a concept in focus, only its
  // neighbourhood is named, nearest first, and its relations are labelled.
  // A label that would cover one already placed is left out (a hovered
  // edge still shows its own), so no label sits on another. Names are 11 to
  // 17 pixels high on screen, larger for the more mentioned, whatever the
  // zoom; a prerequisite view keeps the fixed names its rows were spaced
  // for, and only relation labels are chosen there.
  function chooseLabels(visible) {
    var chosen = { nodes: Object.create(null), edges: Object.create(null) };
    var scale = labels.scale = network.getScale();
    var placed = kgLabels.placer();
    var focusNode = state.focus !== null ? nodeOf[state.focus].id : null;
    var candidates;
    if (data.hierarchical) {
      candidates = data.nodes.filter(function (node) { return visible[node.id]; });
    } else if (focusNode !== null) {
      candidates = byImportance.filter(function (node) { return node.id in near; });
      candidates.sort(function (a, b) { return near[a.id] - near[b.id]; });  // stable: importance within a hop
    } else {
      var zoom = labels.fitScale ? scale / labels.fitScale : 1;
      candidates = byImportance.filter(function (node) { return visible[node.id]; });
      if (data.centre !== null) {
        candidates.sort(function (a, b) { return (b.conceptId === data.centre) - (a.conceptId === data.centre); });
      }
      candidates = candidates.slice(0, Math.ceil(LABEL_BUDGET * zoom * zoom));
    }
    var edgeCandidates = focusNode === null ? [] : (edgesAt[focusNode] || []).filter(function (edge) {
      return visible[edge.from] && visible[edge.to] && !state.hiddenTypes[edge.relationType];
    });
    var wanted = candidates.map(function (node) { return node.id; });
    edgeCandidates.forEach(function (edge) { wanted.push(edge.from, edge.to); });
    var positions = network.getPositions(wanted);
    candidates.forEach(function (node) {
      var position = positions[node.id];
      if (!position) { return; }
      var font = data.hierarchical ? data.options.nodes.font.size : Math.round(11 + 6 * importance[node.id]) / scale;
      var width = measure.width(node.label, font), lines = 1;
      if (data.hierarchical) {  // wrapped to the slot of its row
        // (vis-network keeps 5 units of margin on each side of the text)
        lines = measure.lines(node.label, font, data.options.nodes.widthConstraint.maximum - 10);
        width = Math.min(width, data.options.nodes.widthConstraint.maximum);
      }
      // vis-network puts a name below its dot: 4 units and half a line down
      var top = position.y + node.size + 4 + font / 2;
      // (a pixel of margin all round: drawn sizes are rounded to a tenth of a unit)
      var box = [(position.x - width / 2) * scale - 2, top * scale - 1, (position.x + width / 2) * scale + 2,
                 (top + lines * font) * scale + 1];
      // a prerequisite view draws every name, so each is in the way of relation labels
      if (data.hierarchical || placed.fits(box)) {
        placed.add(box);
        chosen.nodes[node.id] = Math.round(font * scale);
      }
    });
    // relation labels keep off the dots too
    candidates.forEach(function (node) {
      var position = positions[node.id];
      if (position) {
        placed.add([(position.x - node.size) * scale, (position.y - node.size) * scale,
                    (position.x + node.size) * scale, (position.y + node.size) * scale]);
      }
    });
    edgeCandidates.sort(function (a, b) {
      var other = function (edge) { return nodeById[edge.from === focusNode ? edge.to : edge.from]; };
      return importance[other(b).id] - importance[other(a).id];
    });
    edgeCandidates.forEach(function (edge) {
      var from = positions[edge.from], to = positions[edge.to];
      if (!from || !to) { return; }
      // the focused concept's relations are selected with it, and drawn in bold
      var width = measure.width(edge.text, EDGE_LABEL) * 1.25 + 4;
      var x = (from.x + to.x) / 2 * scale, y = (from.y + to.y) / 2 * scale;
      var box = [x - width / 2, y - EDGE_LABEL * 0.7, x + width / 2, y + EDGE_LABEL * 0.7];
      if (placed.fits(box)) {
        placed.add(box);
        chosen.edges[edge.id] = true;
      }
    });
    return chosen;
  }

  function labelFont(node, inside) {
    var font = { color: inside ? FONT : DIM_FONT };
    if (data.hierarchical) { return font; }
    var pixels = labels.chosen.nodes[node.id];
    font.size = pixels ? Math.round(pixels / labels.scale * 10) / 10 : 1;
    return font;
  }

  function edgeUpdate(edge, visible) {
    var focused = state.focus !== null;
    var inside = !focused || (edge.from in near && edge.to in near);
    var labelled = edge.id === state.hoverEdge || (inside && labels.chosen.edges[edge.id] === true);
    var update = {
      id: edge.id,
      hidden: !edgeShown(edge, visible) || (state.local && !inside),
      color: edgeColour(edge.relationType, inside ? EDGE_OPACITY : DIM_EDGE),
    };
    if (labelled) {
      everLabelled[edge.id] = true;
      update.label = edge.text;
      update.font = { size: Math.round(EDGE_LABEL / labels.scale * 10) / 10 };
    } else if (everLabelled[edge.id]) {
      update.label = NO_LABEL;  // edges never labelled have none: a label costs at every redraw
    }
    return update;
  }

  var visibleNow = Object.create(null);
  var everLabelled = Object.create(null);

  function applyView() {
    var visible = Object.create(null);
    data.nodes.forEach(function (node) { if (passes(node)) { visible[node.id] = true; } });
    if (window.kgReady && !shelved && data.nodes.some(function (node) { return node.isolated && visible[node.id]; })) {
      shelveIsolated();
    }
    var shown = Object.keys(visible).length;
    near = neighbourhood(visible);
    labels.chosen = chooseLabels(visible);
    var focused = state.focus !== null;
    sendChanges(nodes, "n", data.nodes.map(function (node) {
      var inside = !focused || node.id in near;
      return {
        id: node.id,
        hidden: !visible[node.id] || (state.local && !inside),
        opacity: inside ? 1 : DIM_NODE,
        font: labelFont(node, inside),
      };
    }));
    sendChanges(edges, "e", data.edges.map(function (edge) { return edgeUpdate(edge, visible); }));
    visibleNow = visible;
    document.getElementById("kg-empty").hidden = shown > 0;
    return shown;
  }

  // Labels are sized for the zoom once it settles, not at every step of it.
  var zoomTimer = null;
  network.on("zoom", function () {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(function () {
      if (Math.abs(Math.log(network.getScale() / labels.scale)) > 0.05) { applyView(); }
    }, 120);
  });
  network.on("dragEnd", function (event) { if (event.nodes.length) { applyView(); } });
  network.on("animationFinished", function () {
    if (Math.abs(Math.log(network.getScale() / labels.scale)) > 0.05) { applyView(); }
  });

  function refreshEdge(id) {
    var edge = edgeById[id];
    if (edge) { sendChanges(edges, "e", [edgeUpdate(edge, visibleNow)]); }
  }

  // Moves the view onto the given nodes (all shown ones without), in the
  // part of the canvas the card leaves free.
  function fitShown(ids) {
    var animation = { duration: 450, easingFunction: "easeInOutQuad" };
    var canvas = document.getElementById("kg-graph");
    var covered = card.hidden ? 0 : card.offsetWidth + 20;
    var free = Math.max(160, canvas.clientWidth - covered);
    var list = ids && ids.length ? ids : Object.keys(visibleNow);
    if (!list.length) { return; }
    var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    list.forEach(function (id) {
      var bounds = network.getBoundingBox(id);
      if (!bounds) { return; }
      box.left = Math.min(box.left, bounds.left); box.right = Math.max(box.right, bounds.right);
      box.top = Math.min(box.top, bounds.top); box.bottom = Math.max(box.bottom, bounds.bottom);
    });
    var width = (box.right - box.left) * 1.15 + 40, height = (box.bottom - box.top) * 1.15 + 40;
    network.moveTo({
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: Math.min(MAX_FOCUS_ZOOM, free / width, canvas.clientHeight / height),
      offset: { x: -covered / 2, y: 0 },
      animation: animation,
    });
  }

  // ---- status line and notices ----

  var summary = plural(data.nodes.length, "concept") + " · " + plural(data.edges.length, "relation");

  function showStatus(extra) {
    var parts = [summary];
    if (isolatedCount && !state.showIsolated) { parts.push(isolatedCount + " unconnected hidden"); }
    if (extra) { parts.push(extra); }
    status.textContent = parts.join(" · ");
  }

  function showNotice() {
    var notice = data.notice;
    if (!notice) { return; }
    var box = document.getElementById("kg-notice");
    box.textContent = "Cut to " + cards.thousands(notice.shown) + " of the " + cards.thousands(notice.available) +
      " concepts within " + plural(notice.depth, "hop") + " of " + cards.nameOf(data.centre) +
      ": the nearest first, then those joined by the most confident relations, then the most mentioned. " +
      "Export with a larger --max (now " + notice.limit + ") to see more.";
    box.hidden = false;
  }

  // Unconnected concepts are laid out in rows below the graph, the first
  // time one is shown.
  var shelved = false;
  function shelveIsolated() {
    shelved = true;
    var isolated = data.nodes.filter(function (node) { return node.isolated; });
    if (!isolated.length) { return; }
    var placed = data.nodes.filter(function (node) { return !node.isolated; }).map(function (node) { return node.id; });
    var positions = network.getPositions(placed);
    var left = Infinity, right = -Infinity, bottom = -Infinity;
    placed.forEach(function (id) {
      left = Math.min(left, positions[id].x); right = Math.max(right, positions[id].x);
      bottom = Math.max(bottom, positions[id].y);
    });
    if (!placed.length) { left = 0; right = 0; bottom = 0; }
    var columns = Math.max(8, Math.floor((right - left) / SHELF_SPACING) + 1);
    isolated.sort(function (a, b) {
      return (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) || b.mentions - a.mentions;
    });
    var top = bottom + 2 * SHELF_SPACING;
    nodes.update(isolated.map(function (node, i) {
      return { id: node.id, x: left + (i % columns) * SHELF_SPACING, y: top + Math.floor(i / columns) * SHELF_SPACING };
    }));
  }

  function layoutDone() {
    if (window.kgReady) { return; }
    // One layout is enough: moving physics would keep a big graph busy forever.
    network.setOptions({ physics: false });
    labels.fitScale = network.getScale();
    applyView();
    window.kgStabilisedMs = Math.round(performance.now() - started);
    showStatus("laid out in " + (window.kgStabilisedMs / 1000).toFixed(1) + " s");
    window.kgReady = true;
  }

  network.on("stabilizationProgress", function (progress) {
    showStatus("laying out " + Math.round(100 * progress.iterations / progress.total) + "%");
  });
  network.once("stabilizationIterationsDone", layoutDone);
  // What is shown is decided before the network gets its data, so that the
  // layout does not wait for thousands of updates; names are chosen once
  // it is done. Listeners first, data second: a tiny graph may finish its
  // layout at once.
  applyView();
  network.setData({ nodes: nodes, edges: edges });
  showNotice();
  if (!data.options.physics.enabled || data.nodes.length === 0) { layoutDone(); }

  // ---- legend and filters ----

  function toggle(label, swatch, count, onChange) {
    var button = make("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "true");
    button.appendChild(swatch);
    button.appendChild(make("span", null, label));
    button.appendChild(make("span", "kg-count", count));
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      onChange(on);
    });
    return button;
  }

  function section(legend, title) {
    legend.appendChild(make("h2", null, title));
    return legend.appendChild(make("ul"));
  }

  function buildLegend() {
    var legend = document.getElementById("kg-legend");
    if (data.legend.categories.length) {
      var categoryList = section(legend, "Categories");
      data.legend.categories.forEach(function (entry) {
        var swatch = make("span", "kg-swatch");
        swatch.style.background = entry[1];
        var item = categoryList.appendChild(make("li"));
        item.dataset.category = entry[0];
        item.appendChild(toggle(entry[0], swatch, entry[2], function (on) {
          if (on) { delete state.hiddenCategories[entry[0]]; } else { state.hiddenCategories[entry[0]] = true; }
          applyView();
        }));
      });
    }
    if (data.legend.types.length) {
      var typeList = section(legend, "Relations");
      data.legend.types.forEach(function (entry) {
        var line = make("span", "kg-line");
        line.style.borderTopColor = entry[1];
        if (entry[0] === "RELATED_TO") { line.style.borderTopStyle = "dashed"; }
        var item = typeList.appendChild(make("li"));
        item.dataset.type = entry[0];
        item.appendChild(toggle(entry[0] + (entry[2] ? " →" : " —"), line, entry[3], function (on) {
          if (on) { delete state.hiddenTypes[entry[0]]; } else { state.hiddenTypes[entry[0]] = true; }
          applyView();
        }));
      });
    }
    buildMentionFilter(legend);
    if (isolatedCount) {
      var label = legend.appendChild(make("label"));
      var box = label.appendChild(make("input"));
      box.type = "checkbox";
      box.id = "kg-isolated";
      label.appendChild(make("span", null, "show " + plural(isolatedCount, "unconnected concept")));
      box.addEventListener("change", function () {
        state.showIsolated = box.checked;
        applyView();
        showStatus();
      });
    }
    legend.appendChild(make("div", "kg-hint", "Click a concept to focus · Esc or a click on empty space to reset"));
  }

  // A slider over the mention counts that occur, so every step changes something.
  function buildMentionFilter(legend) {
    var counts = Array.from(new Set(data.nodes.map(function (node) { return node.mentions; }))).sort(function (a, b) { return a - b; });
    if (counts.length < 2) { return; }
    legend.appendChild(make("h2", null, "Mentions"));
    var label = legend.appendChild(make("label"));
    var slider = label.appendChild(make("input"));
    slider.type = "range";
    slider.id = "kg-min-mentions";
    slider.min = "0";
    slider.max = String(counts.length - 1);
    slider.value = "0";
    var text = label.appendChild(make("span", null, "at least " + counts[0]));
    slider.addEventListener("input", function () {
      state.minMentions = counts[Number(slider.value)];
      text.textContent = "at least " + state.minMentions;
      applyView();
    });
  }

  // ---- focus ----

  function focusConcept(id) {
    var node = nodeOf[id];
    if (!node) { return; }
    state.focus = id;
    applyView();
    network.selectNodes([node.id]);
    cards.showConcept(id);
    fitShown(Object.keys(near));
  }

  function clearFocus() {
    card.hidden = true;
    network.unselectAll();
    if (state.focus === null) { return; }
    state.focus = null;
    applyView();
    fitShown(null);
  }

  window.kgFocus = focusConcept;
  window.kgClearFocus = clearFocus;

  network.on("click", function (event) {
    if (event.nodes.length) { focusConcept(nodeById[event.nodes[0]].conceptId); }
    else if (event.edges.length) { cards.showRelation(event.edges[0]); }
    else { clearFocus(); }
  });
  network.on("hoverEdge", function (event) { state.hoverEdge = event.edge; refreshEdge(event.edge); });
  network.on("blurEdge", function (event) { state.hoverEdge = null; refreshEdge(event.edge); });

  document.getElementById("kg-depth").addEventListener("change", function (event) {
    state.depth = Number(event.target.value);
    applyView();
    if (state.focus !== null) { fitShown(Object.keys(near)); }
  });
  document.getElementById("kg-local").addEventListener("change", function (event) {
    state.local = event.target.checked;
    applyView();
    if (state.focus !== null) { fitShown(Object.keys(near)); }
  });

  // ---- search ----

  var search = kgNameSearch.makeSearch(data.nodes.map(function (node) {
    var concept = conceptOf(node.conceptId);
    return { id: node.conceptId, name: concept.name, forms: [concept.name].concat(concept.aliases), mentions: concept.mentions };
  }));
  window.kgSearch = search;
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var found = [];
  var active = -1;

  function showResults(query) {
    results.replaceChildren();
    found.forEach(function (hit, i) {
      var item = results.appendChild(make("li", i === active ? "active" : null, hit.name));
      item.setAttribute("role", "option");
      item.dataset.concept = hit.id;
      if (hit.matched !== hit.name) { item.appendChild(make("span", "kg-matched", hit.matched)); }
      item.appendChild(make("span", "kg-matched", conceptOf(hit.id).category));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
    });
    if (!found.length && query) {
      results.appendChild(make("li", "kg-none", "No concept matches “" + clip(query, 40) + "”"));
    }
    results.hidden = !results.childNodes.length;
  }

  function pick(i) {
    var hit = found[i];
    if (!hit) { return; }
    input.value = hit.name;
    found = [];
    showResults("");
    focusConcept(hit.id);
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    found = query ? search(query, 12) : [];
    active = found.length ? 0 : -1;
    showResults(query);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!found.length) { return; }
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      showResults(input.value.trim());
      event.preventDefault();
    } else if (event.key === "Enter") {
      pick(active < 0 ? 0 : active);
      event.preventDefault();
    }
  });
  input.addEventListener("blur", function () { found = []; showResults(""); });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    found = [];
    showResults("");
    clearFocus();
  });

  buildLegend();
}());
