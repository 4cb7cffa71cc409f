/* readouts timeline: zoom and a brush that filters the list of events below it.
 *
 * The page draws the timeline as SVG on the server (dots are links, positions in
 * percent), so it works without this script. With it: drag across the timeline
 * to pick a period (the list keeps only the events in it, and a link opens that
 * period as a filter on the server), zoom in to the period, zoom out, reset.
 * Hand-written, no library, no network.
 */
(function () {
  "use strict";
  var DAY = 86400000, PAD = 3;
  var SVGNS = "http://www.w3.org/2000/svg";

  function parse(s) { return s ? Date.parse(s + "T00:00:00Z") : NaN; }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }

  function setup(svg) {
    var box = svg.closest(".timeline-box");
    var bar = box.querySelector(".brushbar");
    var hint = box.querySelector(".hint");
    var full = [parse(svg.dataset.lo), parse(svg.dataset.hi)];
    var view = full.slice();
    var picked = null;  // [t0, t1] of the brush
    var dots = Array.prototype.slice.call(svg.querySelectorAll("a.dot"));
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.events tbody tr[data-start]"));
    var ticks = svg.querySelector("g.ticks");
    var brush = document.createElementNS(SVGNS, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("y", "8");
    brush.setAttribute("height", String(svg.getAttribute("height") - 16));
    brush.setAttribute("visibility", "hidden");
    svg.insertBefore(brush, svg.firstChild);

    function pct(t) { return PAD + (100 - 2 * PAD) * (t - view[0]) / Math.max(DAY, view[1] - view[0]); }
    function timeAt(clientX) {
      var r = svg.getBoundingClientRect();
      var p = 100 * (clientX - r.left) / r.width;
      return view[0] + (p - PAD) / (100 - 2 * PAD) * (view[1] - view[0]);
    }

    function drawTicks() {
      while (ticks.firstChild) ticks.removeChild(ticks.firstChild);
      var span = (view[1] - view[0]) / DAY, lo = new Date(view[0]), out = [];
      if (span > 3 * 365) {
        var step = Math.max(1, Math.round(span / 365 / 8));
        for (var y = lo.getUTCFullYear() + 1; Date.UTC(y, 0, 1) < view[1]; y += step) out.push([Date.UTC(y, 0, 1), String(y)]);
      } else if (span > 60) {
        var mstep = Math.max(1, Math.round(span / 30 / 8));
        for (var m = new Date(Date.UTC(lo.getUTCFullYear(), lo.getUTCMonth() + 1, 1)); m.getTime() < view[1];
             m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + mstep, 1))) out.push([m.getTime(), iso(m.getTime()).slice(0, 7)]);
      } else {
        var dstep = Math.max(1, Math.round(span / 8));
        for (var d = view[0] + DAY; d < view[1]; d += dstep * DAY) out.push([d, iso(d).slice(5)]);
      }
      out.filter(function (t) { var p = pct(t[0]); return p >= 4 && p <= 96; }).forEach(function (t) {
        var x = pct(t[0]) + "%";
        var line = document.createElementNS(SVGNS, "line");
        line.setAttribute("class", "axis");
        line.setAttribute("x1", x); line.setAttribute("x2", x); line.setAttribute("y1", "54"); line.setAttribute("y2", "66");
        var text = document.createElementNS(SVGNS, "text");
        text.setAttribute("class", "tick"); text.setAttribute("x", x); text.setAttribute("y", "88");
        text.textContent = t[1];
        ticks.appendChild(line); ticks.appendChild(text);
      });
    }

    function draw() {
      dots.forEach(function (a) {
        var t0 = parse(a.dataset.start), t1 = parse(a.dataset.end);
        var inside = t1 >= view[0] && t0 <= view[1];
        a.setAttribute("visibility", inside ? "visible" : "hidden");
        var x0 = pct(t0), x1 = pct(t1 + DAY);
        a.querySelector("circle").setAttribute("cx", ((x0 + x1) / 2) + "%");
        var rect = a.querySelector("rect");
        rect.setAttribute("x", x0 + "%");
        rect.setAttribute("width", Math.max(0.4, x1 - x0) + "%");
      });
      if (picked) {
        var b0 = Math.max(0, pct(picked[0])), b1 = Math.min(100, pct(picked[1]));
        brush.setAttribute("x", b0 + "%");
        brush.setAttribute("width", Math.max(0, b1 - b0) + "%");
        brush.setAttribute("visibility", b1 > b0 ? "visible" : "hidden");
      } else {
        brush.setAttribute("visibility", "hidden");
      }
      drawTicks();
    }

    function inPeriod(el) {
      var t0 = parse(el.dataset.start), t1 = parse(el.dataset.end);
      return !picked || (t1 >= picked[0] && t0 <= picked[1]);
    }

    function button(label, onclick) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", onclick);
      return b;
    }

    function filter() {
      var shown = 0;
      rows.forEach(function (tr) {
        var on = !tr.dataset.start || inPeriod(tr);
        tr.classList.toggle("out-of-period", !on);
        if (on) shown += 1;
      });
      dots.forEach(function (a) { a.classList.toggle("out", !inPeriod(a)); });
      while (bar.firstChild) bar.removeChild(bar.firstChild);
      if (!picked) {
        bar.hidden = true;
        return;
      }
      var since = iso(picked[0]), until = iso(picked[1]);
      var params = new URLSearchParams(window.location.search);
      params.set("since", since);
      params.set("until", until);
      params.delete("page");
      var link = document.createElement("a");
      link.href = "/events?" + params.toString();
      link.className = "period-link";
      link.textContent = "open as a filter";
      bar.appendChild(document.createTextNode(shown + " of " + rows.length + " listed events from " + since + " to " + until + " · "));
      bar.appendChild(link);
      bar.appendChild(button("Zoom to period", function () { view = [picked[0] - DAY, picked[1] + DAY]; draw(); }));
      bar.appendChild(button("Clear", function () { picked = null; filter(); draw(); }));
      bar.hidden = false;
    }

    var controls = document.createElement("span");
    controls.className = "zoom";
    controls.appendChild(button("Zoom in", function () { zoom(0.5); }));
    controls.appendChild(button("Zoom out", function () { zoom(2); }));
    controls.appendChild(button("Reset", function () { view = full.slice(); draw(); }));
    box.querySelector(".legend").insertBefore(controls, hint);
    hint.hidden = false;

    function zoom(factor) {
      var mid = picked ? (picked[0] + picked[1]) / 2 : (view[0] + view[1]) / 2;
      var half = Math.max(3 * DAY, (view[1] - view[0]) * factor / 2);
      view = [Math.max(full[0], mid - half), Math.min(full[1], mid + half)];
      draw();
    }

    var start = null, moved = false;
    svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      start = e.clientX;
      moved = false;
    });
    svg.addEventListener("pointermove", function (e) {
      if (start === null) return;
      if (!moved && Math.abs(e.clientX - start) < 5) return;
      if (!moved) svg.setPointerCapture(e.pointerId);
      moved = true;
      var a = timeAt(start), b = timeAt(e.clientX);
      picked = [Math.min(a, b), Math.max(a, b)];
      draw();
    });
    svg.addEventListener("pointerup", function () {
      if (start !== null && moved) filter();
      start = null;
    });
    // A drag that ends on a dot is a brush, not a click on its link.
    svg.addEventListener("click", function (e) {
      if (moved) { e.preventDefault(); moved = false; }
    }, true);
    draw();
  }

  Array.prototype.forEach.call(document.querySelectorAll("svg.timeline[data-lo]"), setup);
})();
