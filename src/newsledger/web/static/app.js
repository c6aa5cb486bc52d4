// newsledger UI: the events map and the timeline, drawn from the JSON API, and article highlights that jump
// to their rows.  No dependencies, no network beyond this site.  Text from articles is only ever set with
// textContent or setAttribute, never parsed as HTML.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function svgEl(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  // ---- TopoJSON (world-atlas countries-110m) to polygon rings, in degrees
  function topoRings(topo, objectName) {
    var t = topo.transform, arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        x += p[0]; y += p[1];
        return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [p[0], p[1]];
      });
    });
    function ring(indexes) {
      var out = [];
      indexes.forEach(function (i) {
        var arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        arc.forEach(function (p, k) { if (k > 0 || out.length === 0) out.push(p); });
      });
      return out;
    }
    var shapes = [];
    topo.objects[objectName].geometries.forEach(function (g) {
      var polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      shapes.push({ name: (g.properties || {}).name || "", rings: [].concat.apply([], polygons.map(function (poly) {
        return poly.map(ring);
      })) });
    });
    return shapes;
  }

  // ---- the map: equirectangular, fitted to the events (or the world when there are none)
  var W = 720, H = 380;

  function fit(points) {
    var box = [-180, -58, 180, 84];
    if (points.length) {
      var lons = points.map(function (p) { return p[0]; }), lats = points.map(function (p) { return p[1]; });
      var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons);
      var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
      var padLon = Math.max(6, (east - west) * 0.25), padLat = Math.max(4, (north - south) * 0.25);
      box = [Math.max(-180, west - padLon), Math.max(-85, south - padLat), Math.min(180, east + padLon),
        Math.min(85, north + padLat)];
    }
    var k = Math.min(W / (box[2] - box[0]), H / (box[3] - box[1]));
    var cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
    return function (lon, lat) { return [W / 2 + (lon - cx) * k, H / 2 - (lat - cy) * k]; };
  }

  var COARSE = ["country", "region"];

  function drawMap(figure) {
    var status = document.getElementById("map-status");
    Promise.all([getJSON(figure.dataset.countries), getJSON(figure.dataset.events)]).then(function (got) {
      var shapes = topoRings(got[0], "countries"), features = got[1].features || [];
      var groups = {}, order = [];
      features.forEach(function (f) {
        var c = f.geometry.coordinates, key = c[0].toFixed(3) + "," + c[1].toFixed(3);
        if (!groups[key]) { groups[key] = { lon: c[0], lat: c[1], items: [] }; order.push(key); }
        groups[key].items.push(f.properties);
      });
      order.sort(function (a, b) { return groups[b].items.length - groups[a].items.length; });
      var project = fit(order.map(function (k) { return [groups[k].lon, groups[k].lat]; }));
      var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "map of events" });
      svgEl("rect", { x: 0, y: 0, width: W, height: H, fill: "#eaf2fb" }, svg);
      var land = svgEl("g", { "class": "countries" }, svg);
      shapes.forEach(function (shape) {
        var d = shape.rings.map(function (r) {
          return "M" + r.map(function (p) { var xy = project(p[0], p[1]); return xy[0].toFixed(1) + "," + xy[1].toFixed(1); }).join("L") + "Z";
        }).join("");
        var path = svgEl("path", { d: d, "class": "land" }, land);
        svgEl("title", {}, path).textContent = shape.name;
      });
      // Places closer than a dot's size on screen share one dot, so every dot can be clicked.
      var clusters = [];
      order.forEach(function (key) {
        var g = groups[key], xy = project(g.lon, g.lat);
        var near = clusters.filter(function (c) { return Math.abs(c.xy[0] - xy[0]) < 14 && Math.abs(c.xy[1] - xy[1]) < 14; })[0];
        if (near) { near.items = near.items.concat(g.items); near.keys.push(key); }
        else clusters.push({ xy: xy, items: g.items.slice(), keys: [key] });
      });
      var dots = svgEl("g", { "class": "points" }, svg), labelled = [], anyCoarse = false;
      clusters.forEach(function (c) {
        var xy = c.xy, n = c.items.length;
        // Events placed only at a country's or region's point are not where the dot is: a hollow dot says so.
        var coarse = c.items.every(function (p) { return COARSE.indexOf(p.place_precision) >= 0; });
        anyCoarse = anyCoarse || coarse;
        var dot = svgEl("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (4 + 2.5 * Math.sqrt(n)).toFixed(1),
          "class": coarse ? "pt coarse" : "pt", "data-key": c.keys.join(" "), tabindex: "0" }, dots);
        var places = [];
        c.items.forEach(function (p) { if (p.place_text && places.indexOf(p.place_text) < 0) places.push(p.place_text); });
        svgEl("title", {}, dot).textContent = (places.join(", ") || c.keys[0]) + ": " + n + " event" + (n > 1 ? "s" : "") +
          (coarse ? " (located only to the country or region)" : "");
        var crowded = labelled.some(function (p) { return Math.abs(p[0] - xy[0]) < 90 && Math.abs(p[1] - xy[1]) < 14; });
        if (places.length && !crowded) {  // no label over another one: the tooltip and the list still name it
          labelled.push(xy);
          svgEl("text", { x: (xy[0] + 8).toFixed(1), y: (xy[1] - 8).toFixed(1), "class": "label" }, dots).textContent =
            places[0] + (places.length > 1 ? " +" + (places.length - 1) : "");
        }
        function choose() { selectPoint(svg, dot, c.items, places); }
        dot.addEventListener("click", choose);
        dot.addEventListener("keydown", function (e) { if (e.key === "Enter") choose(); });
      });
      figure.appendChild(svg);
      status.textContent = features.length ? "(" + features.length + " located events; click a point" +
          (anyCoarse ? "; a hollow point is located only to a country or region" : "") + ")"
        : "(no located events in this view: places get coordinates when the pipeline geocodes them)";
    }).catch(function (err) { status.textContent = "(map unavailable: " + err.message + ")"; });
  }

  function selectPoint(svg, dot, items, places) {
    Array.prototype.forEach.call(svg.querySelectorAll(".pt.selected"), function (d) { d.classList.remove("selected"); });
    dot.classList.add("selected");
    var box = document.getElementById("map-list");
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = places.join(", ") + " — " + items.length + " event" + (items.length > 1 ? "s" : "") + ":";
    box.appendChild(head);
    var ul = document.createElement("ul");
    items.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = p.url;
      a.className = "map-event";
      a.textContent = [p.type, "“" + p.trigger + "”", p.target_text || "", p.date ? "(" + p.date + ")" : ""].join(" ").replace(/\s+/g, " ");
      li.appendChild(a);
      if (p.count_best !== null && p.count_best !== undefined) {
        li.appendChild(document.createTextNode(" — " + Number(p.count_best).toLocaleString("en") +
          (p.claimed_by_text ? ", claimed by " + p.claimed_by_text : "")));
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  // ---- the timeline: one bar per year (or month); a click filters the ledger to that period

  // Years without events keep their place on the axis: bars for 1989 and 2014 side by side would hide the 24
  // years between.  Past a century of years the bars would be too thin to click, so then only years with events.
  function withEmptyYears(buckets) {
    var years = buckets.every(function (b) { return /^\d{4}$/.test(b.period); });
    if (!years || !buckets.length || Number(buckets[buckets.length - 1].period) - Number(buckets[0].period) > 100) {
      return buckets;
    }
    var out = [];
    buckets.forEach(function (b) {
      var next = out.length ? Number(out[out.length - 1].period) + 1 : Number(b.period);
      for (; next < Number(b.period); next++) out.push({ period: String(next), count: 0 });
      out.push(b);
    });
    return out;
  }

  function drawTimeline(figure) {
    var status = document.getElementById("timeline-status");
    getJSON(figure.dataset.src).then(function (data) {
      var buckets = withEmptyYears(data.buckets || []);
      status.textContent = "";  // drawn: no more "(loading…)"
      var w = 480, h = 380, left = 34, bottom = 36, top = 14;
      var svg = svgEl("svg", { viewBox: "0 0 " + w + " " + h, role: "img", "aria-label": "events per period" });
      if (!buckets.length) {
        status.textContent = "(no dated events in this view)";
        figure.appendChild(svg);
        return;
      }
      var max = Math.max.apply(null, buckets.map(function (b) { return b.count; }));
      var step = (w - left - 8) / buckets.length, barW = Math.max(2, Math.min(60, step * 0.8));
      var here = new URLSearchParams(window.location.search);
      [0, max].forEach(function (v) {
        var y = h - bottom - (h - bottom - top) * (v / max);
        svgEl("line", { x1: left, x2: w, y1: y, y2: y, stroke: "#ddd" }, svg);
        svgEl("text", { x: left - 4, y: y + 4, "text-anchor": "end" }, svg).textContent = String(v);
      });
      var every = Math.ceil(buckets.length / 12);
      buckets.forEach(function (b, i) {
        var barH = (h - bottom - top) * (b.count / max), x = left + i * step + (step - barW) / 2;
        if (!b.count) {  // an empty year: a slot on the axis, nothing to click
          svgEl("title", {}, svgEl("rect", { x: x.toFixed(1), y: h - bottom, width: barW.toFixed(1), height: 0,
            "class": "bar-empty", "data-period": b.period }, svg)).textContent = b.period + ": no events";
          if (i % every === 0) {
            svgEl("text", { x: (x + barW / 2).toFixed(1), y: h - bottom + 14, "text-anchor": "middle" }, svg).textContent = b.period;
          }
          return;
        }
        var link = svgEl("a", { href: "/?" + periodQuery(figure.dataset.base, b.period), "class": "bar-link",
          "data-period": b.period }, svg);
        var active = here.get("since") === b.period && here.get("until") === b.period;
        var bar = svgEl("rect", { x: x.toFixed(1), y: (h - bottom - barH).toFixed(1), width: barW.toFixed(1),
          height: Math.max(1, barH).toFixed(1), "class": "bar" + (active ? " active" : "") }, link);
        svgEl("title", {}, bar).textContent = b.period + ": " + b.count + " event" + (b.count > 1 ? "s" : "") + " (click to filter)";
        if (i % every === 0) {
          svgEl("text", { x: (x + barW / 2).toFixed(1), y: h - bottom + 14, "text-anchor": "middle" }, svg).textContent = b.period;
        }
        svgEl("text", { x: (x + barW / 2).toFixed(1), y: (h - bottom - barH - 3).toFixed(1), "text-anchor": "middle" },
          svg).textContent = String(b.count);
      });
      figure.appendChild(svg);
    }).catch(function (err) { status.textContent = "(timeline unavailable: " + err.message + ")"; });
  }

  function periodQuery(base, period) {
    var params = new URLSearchParams(base || "");
    params.set("since", period);
    params.set("until", period);
    return params.toString();
  }

  // ---- article page: a click on a highlight brings its row into view
  function flash(node) {
    node.classList.add("flash");
    node.scrollIntoView({ block: "center" });
    window.setTimeout(function () { node.classList.remove("flash"); }, 2500);
  }

  function wireHighlights(text) {
    function show(e) {
      var mark = e.target.closest ? e.target.closest("mark[data-row]") : null;
      if (!mark) return;
      var row = document.getElementById(mark.getAttribute("data-row"));
      if (row) flash(row);
    }
    text.addEventListener("click", show);
    text.addEventListener("keydown", function (e) { if (e.key === "Enter") show(e); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var map = document.getElementById("map"), timeline = document.getElementById("timeline");
    var text = document.getElementById("text");
    if (map && map.dataset.events) drawMap(map);
    if (timeline && timeline.dataset.src) drawTimeline(timeline);
    if (text) wireHighlights(text);
  });
})();
