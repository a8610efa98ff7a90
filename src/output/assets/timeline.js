(function () {
  "use strict";
  // Everything shown comes from the JSON island and goes into the page through textContent and
  // attribute setters only: article text can never become markup.
  var data = JSON.parse(document.getElementById("dyad-data").textContent);
  var FAMILIES = ["contact", "restriction", "detention", "release", "agreement", "protest", "expulsion"];
  var DAY = 86400000, LABEL = 120, ROW = 20, PAD = 8;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var viewport = document.getElementById("viewport");
  var canvas = document.getElementById("canvas");
  var detail = document.getElementById("detail");
  var tip = document.getElementById("tip");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function utc(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  var events = data.events.filter(function (e) { return e.start && e.end; });
  if (!events.length) {
    canvas.appendChild(el("p", "muted", "No dated events to draw; the table below lists them all."));
    return;
  }
  events.forEach(function (e) { e.t0 = utc(e.start); e.t1 = utc(e.end) + DAY; });
  var y0 = new Date(Math.min.apply(null, events.map(function (e) { return e.t0; }))).getUTCFullYear();
  var y1 = new Date(Math.max.apply(null, events.map(function (e) { return e.t1; })) - 1).getUTCFullYear() + 1;
  var T0 = Date.UTC(y0, 0, 1), T1 = Date.UTC(y1, 0, 1);
  var fit = true, ppy = 100;

  function fitWidth() {
    return Math.max(60, (viewport.clientWidth - LABEL - 24) / (y1 - y0));
  }
  function x(t) { return LABEL + 12 + (t - T0) / (365.2425 * DAY) * ppy; }

  var selected = null;
  function select(e, node) {
    if (selected) selected.classList.remove("selected");
    document.querySelectorAll("tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    selected = node;
    if (node) node.classList.add("selected");
    var row = document.getElementById("event-" + e.id);
    if (row) row.classList.add("selected");
    showDetail(e);
  }

  function showDetail(e) {
    detail.replaceChildren();
    detail.className = "f-" + e.family;
    detail.appendChild(el("h2", null, e.date + " · " + e.summary));
    var kind = e.type + (e.qualifiers.length ? " (" + e.qualifiers.join(", ") + ")" : "");
    detail.appendChild(el("p", "meta", kind + " · " + e.actor + " → " + e.target + " · " + e.precision + " precision"));
    if (e.evidence) detail.appendChild(el("blockquote", null, e.evidence));
    var src = el("p", null, "Source: ");
    if (e.url) {
      var a = el("a", null, e.title || e.article);
      a.href = e.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode(e.title || e.article));
    }
    [e.source, e.pub_date].forEach(function (s) { if (s) src.appendChild(document.createTextNode(", " + s)); });
    detail.appendChild(src);
    var more = el("p", "muted", "");
    var link = el("a", null, "Show in the table");
    link.href = "#event-" + e.id;
    more.appendChild(link);
    detail.appendChild(more);
    detail.hidden = false;
  }

  function showTip(ev, e) {
    tip.replaceChildren(el("span", "d", e.date + " · " + e.type), document.createTextNode(e.summary));
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(ev.clientX + 14, window.innerWidth - w - 8);
    var top = ev.clientY + 16 + h > window.innerHeight ? ev.clientY - h - 10 : ev.clientY + 16;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function render() {
    if (fit) ppy = fitWidth();
    canvas.replaceChildren();
    var width = x(T1) + 12;
    canvas.style.width = width + "px";
    var axis = el("div", "axis");
    axis.style.width = width + "px";
    canvas.appendChild(axis);
    var grid = [];
    for (var y = y0; y < y1; y++) {
      var tx = x(Date.UTC(y, 0, 1));
      var tick = el("div", "tick", y);
      tick.style.left = tx + "px";
      axis.appendChild(tick);
      grid.push([tx, "grid major"]);
      if (ppy >= 300) {
        for (var m = 1; m < 12; m++) {
          var mx = x(Date.UTC(y, m, 1));
          var mt = el("div", "tick minor", ppy >= 500 ? MONTHS[m] : "");
          mt.style.left = mx + "px";
          axis.appendChild(mt);
          grid.push([mx, "grid"]);
        }
      }
    }
    FAMILIES.forEach(function (fam) {
      var items = events.filter(function (e) { return e.family === fam; });
      var rows = [];
      var placed = items.map(function (e) {
        var a, b, kind;
        if (e.precision === "day" && !e.range) {
          var c = x(e.t0 + DAY / 2);
          a = c - 7; b = c + 7; kind = "dot";
        } else {
          a = x(e.t0); b = Math.max(x(e.t1), a + 6);
          kind = "bar " + (e.range ? "range" : e.precision);
        }
        return { e: e, a: a, b: b, kind: kind };
      }).sort(function (p, q) { return p.a - q.a; });
      placed.forEach(function (p) {
        var r = 0;
        while (r < rows.length && rows[r] > p.a - 3) r++;
        rows[r] = p.b;
        p.row = r;
      });
      var lane = el("div", "lane f-" + fam);
      lane.style.height = (Math.max(1, rows.length) * ROW + 2 * PAD) + "px";
      lane.style.width = width + "px";
      var label = el("div", "lane-label", fam);
      label.appendChild(el("span", "count", "(" + items.length + ")"));
      lane.appendChild(label);
      placed.forEach(function (p) {
        var e = p.e;
        var node = el("div", "item " + p.kind);
        node.style.top = (PAD + p.row * ROW + 4) + "px";
        if (p.kind === "dot") {
          node.style.left = (p.a + 7) + "px";
        } else {
          node.style.left = p.a + "px";
          node.style.width = (p.b - p.a) + "px";
        }
        node.tabIndex = 0;
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", e.date + ": " + e.summary);
        node.dataset.id = String(e.id);
        node.addEventListener("mousemove", function (ev) { showTip(ev, e); });
        node.addEventListener("mouseleave", function () { tip.hidden = true; });
        node.addEventListener("click", function () { select(e, node); });
        node.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(e, node); }
        });
        if (selected && selected.dataset.id === String(e.id)) {
          selected = node;
          node.classList.add("selected");
        }
        lane.appendChild(node);
      });
      canvas.appendChild(lane);
    });
    grid.forEach(function (g) {
      var line = el("div", g[1]);
      line.style.left = g[0] + "px";
      canvas.appendChild(line);
    });
  }

  function zoom(f) {
    fit = false;
    var centre = (viewport.scrollLeft + viewport.clientWidth / 2 - LABEL) / ppy;
    ppy = Math.min(20000, Math.max(20, ppy * f));
    render();
    viewport.scrollLeft = centre * ppy + LABEL - viewport.clientWidth / 2;
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.6); });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit = true; render(); });
  window.addEventListener("resize", function () { if (fit) render(); });
  render();
})();
