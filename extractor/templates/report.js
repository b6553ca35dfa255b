/* extractor report: tooltips for highlighted spans, and links between spans and event rows.
   Reads only the page's own DOM; makes no network requests. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var pinned = null;

  function ids(seg) {
    return (seg.getAttribute("data-m") || "").split(" ").filter(Boolean);
  }
  function card(id) {
    return document.getElementById("t-" + id);
  }
  function rowsOf(markIds) {
    var rows = [];
    markIds.forEach(function (id) {
      var src = card(id);
      ((src && src.getAttribute("data-e")) || "").split(" ").filter(Boolean).forEach(function (rid) {
        var row = document.getElementById(rid);
        if (row) { rows.push(row); }
      });
    });
    return rows;
  }
  function mark(markIds, on) {
    rowsOf(markIds).forEach(function (row) { row.classList.toggle("hl", on); });
  }
  function place(seg) {
    var r = seg.getBoundingClientRect();
    var left = Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function show(seg, markIds) {
    tip.textContent = "";
    markIds.forEach(function (id) {
      var src = card(id);
      if (src) {
        var copy = src.cloneNode(true);
        copy.removeAttribute("id");
        tip.appendChild(copy);
      }
    });
    tip.hidden = false;
    place(seg);
    mark(markIds, true);
  }
  function hide() {
    if (!tip.hidden) {
      document.querySelectorAll("tr.hl").forEach(function (row) { row.classList.remove("hl"); });
    }
    tip.hidden = true;
    tip.classList.remove("pinned");
  }
  function unpin() {
    if (pinned) { pinned.classList.remove("on"); }
    pinned = null;
    hide();
  }
  function pin(seg, markIds) {
    unpin();
    pinned = seg;
    seg.classList.add("on");
    show(seg, markIds);
    tip.classList.add("pinned");
    tip.setAttribute("data-pinned", markIds.join(" "));
  }
  function segOf(target) {
    return target && target.closest ? target.closest(".seg") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var seg = segOf(ev.target);
    if (seg && !pinned) { show(seg, ids(seg)); }
  });
  document.addEventListener("mouseout", function (ev) {
    var seg = segOf(ev.target);
    if (seg && !pinned && !seg.contains(ev.relatedTarget)) { hide(); }
  });
  document.addEventListener("focusin", function (ev) {
    var seg = segOf(ev.target);
    if (seg && !pinned) { show(seg, ids(seg)); }
  });
  document.addEventListener("focusout", function () { if (!pinned) { hide(); } });
  document.addEventListener("click", function (ev) {
    var seg = segOf(ev.target);
    if (!seg) {
      if (!tip.contains(ev.target)) { unpin(); }
      return;
    }
    if (seg === pinned) { unpin(); return; }
    var markIds = ids(seg);
    pin(seg, markIds);
    history.replaceState(null, "", "#m-" + markIds[0]);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { unpin(); }
  });

  /* Hovering an event row lights up the spans of that event. */
  document.querySelectorAll("table.ev tr[id]").forEach(function (row) {
    var rowMarks = (row.getAttribute("data-m") || "").split(" ").filter(Boolean);
    function light(on) {
      rowMarks.forEach(function (id) {
        document.querySelectorAll('.seg[data-m~="' + id + '"]').forEach(function (seg) { seg.classList.toggle("hot", on); });
      });
    }
    row.addEventListener("mouseenter", function () { light(true); });
    row.addEventListener("mouseleave", function () { light(false); });
  });

  /* A link ending in #m-<mark id> opens with that span's tooltip pinned. */
  var m = /^#m-([A-Za-z0-9-]+)$/.exec(window.location.hash);
  if (m) {
    var first = document.querySelector('.seg[data-m~="' + m[1] + '"]');
    if (first) {
      first.scrollIntoView({ block: "nearest" });
      pin(first, [m[1]]);
    }
  }
  document.documentElement.setAttribute("data-report-ready", "1");
})();
