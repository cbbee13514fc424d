/* Family chart: pan and zoom the inline SVG (drag, wheel, buttons, keyboard), focus a person from the lists.
   Progressive enhancement: without JavaScript the SVG shows at its natural size in a scrolling box. */
(function () {
  "use strict";
  var viewport = document.querySelector(".chart-viewport");
  var svg = viewport ? viewport.querySelector("svg") : null;
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) {
    return;
  }
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  var STEP = 1.25;

  viewport.classList.add("js-pan");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  // A small chart is not blown up past one and a half times its size: fitting it to the box would draw
  // four people as big as the screen.
  var MAX_SCALE = 1.5;
  var room = svg.getBoundingClientRect();
  if (room.width && home.w < room.width / MAX_SCALE) {
    home.x -= (room.width / MAX_SCALE - home.w) / 2;
    home.w = room.width / MAX_SCALE;
  }
  if (room.height && home.h < room.height / MAX_SCALE) {
    home.y -= (room.height / MAX_SCALE - home.h) / 2;
    home.h = room.height / MAX_SCALE;
  }
  view = { x: home.x, y: home.y, w: home.w, h: home.h };
  apply();
  var tools = document.querySelector(".chart-tools");
  if (tools) {
    tools.hidden = false;
  }

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }

  function unitsPerPixel() {
    var box = svg.getBoundingClientRect();
    return Math.max(view.w / (box.width || 1), view.h / (box.height || 1));
  }

  function zoom(factor, cx, cy) {
    if (cx === undefined) {
      cx = view.x + view.w / 2;
      cy = view.y + view.h / 2;
    }
    var w = view.w / factor;
    if (w < home.w / 40 || w > home.w * 4) {
      return;
    }
    view.x = cx - (cx - view.x) / factor;
    view.y = cy - (cy - view.y) / factor;
    view.w = w;
    view.h = view.h / factor;
    apply();
  }

  function pan(dx, dy) {
    view.x += dx;
    view.y += dy;
    apply();
  }

  function reset() {
    view = { x: home.x, y: home.y, w: home.w, h: home.h };
    apply();
  }

  function pointAt(event) {
    var box = svg.getBoundingClientRect();
    var k = unitsPerPixel();
    // The drawing is centred in the box (preserveAspectRatio "xMidYMid meet").
    var offsetX = (box.width - view.w / k) / 2;
    var offsetY = (box.height - view.h / k) / 2;
    return { x: view.x + (event.clientX - box.left - offsetX) * k, y: view.y + (event.clientY - box.top - offsetY) * k };
  }

  function focus(id) {
    var node = document.getElementById(id);
    if (!node || !svg.contains(node)) {
      return false;
    }
    var previous = svg.querySelectorAll(".focused");
    for (var i = 0; i < previous.length; i += 1) {
      previous[i].classList.remove("focused");
    }
    node.classList.add("focused");
    var matrix = svg.getScreenCTM().inverse().multiply(node.getScreenCTM());
    var box = node.getBBox();
    var cx = matrix.a * (box.x + box.width / 2) + matrix.c * (box.y + box.height / 2) + matrix.e;
    var cy = matrix.b * (box.x + box.width / 2) + matrix.d * (box.y + box.height / 2) + matrix.f;
    // About eight boxes across: near enough to read the names, far enough to see the relatives around.
    var w = Math.min(view.w, Math.max(box.width * 8, room.width / 2));
    var h = view.h * (w / view.w);
    view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
    apply();
    viewport.focus({ preventScroll: true });
    viewport.scrollIntoView({ block: "nearest" });
    return true;
  }

  var drag = null;
  viewport.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) {
      return;
    }
    drag = { x: event.clientX, y: event.clientY, moved: false, k: unitsPerPixel() };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) {
      return;
    }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (drag.moved || Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moved = true;
      viewport.classList.add("dragging");
      pan(-dx * drag.k, -dy * drag.k);
      drag.x = event.clientX;
      drag.y = event.clientY;
    }
  });
  window.addEventListener("pointerup", function () {
    if (drag && drag.moved) {
      // The click that ends a drag must not follow the link under the pointer.
      viewport.addEventListener("click", function stop(event) {
        event.preventDefault();
        event.stopPropagation();
        viewport.removeEventListener("click", stop, true);
      }, true);
    }
    drag = null;
    viewport.classList.remove("dragging");
  });
  viewport.addEventListener("wheel", function (event) {
    event.preventDefault();
    var point = pointAt(event);
    zoom(event.deltaY < 0 ? STEP : 1 / STEP, point.x, point.y);
  }, { passive: false });
  viewport.addEventListener("keydown", function (event) {
    var step = view.w / 10;
    var keys = {
      ArrowLeft: function () { pan(-step, 0); },
      ArrowRight: function () { pan(step, 0); },
      ArrowUp: function () { pan(0, -step); },
      ArrowDown: function () { pan(0, step); },
      "+": function () { zoom(STEP); },
      "=": function () { zoom(STEP); },
      "-": function () { zoom(1 / STEP); },
      "0": reset
    };
    if (keys[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      keys[event.key]();
    }
  });
  if (tools) {
    tools.addEventListener("click", function (event) {
      var which = event.target.getAttribute("data-zoom");
      if (which === "in") { zoom(STEP); }
      if (which === "out") { zoom(1 / STEP); }
      if (which === "reset") { reset(); }
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-focus]") : null;
    if (link && focus(link.getAttribute("data-focus"))) {
      event.preventDefault();
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "#" + link.getAttribute("data-focus"));
      }
    }
  });
  // Print the whole chart, not the part zoomed into; the reader's view comes back after printing.
  var beforePrint = null;
  window.addEventListener("beforeprint", function () {
    beforePrint = { x: view.x, y: view.y, w: view.w, h: view.h };
    reset();
  });
  window.addEventListener("afterprint", function () {
    if (beforePrint) {
      view = beforePrint;
      beforePrint = null;
      apply();
    }
  });
  apply();
  // A member's "new since your last visit": marked here, over a drawing shared from one visit to the next.
  var fresh = (viewport.getAttribute("data-new-since-visit") || "").split(" ");
  for (var f = 0; f < fresh.length; f += 1) {
    var node = fresh[f] ? document.getElementById(fresh[f]) : null;
    if (node && svg.contains(node)) {
      node.classList.add("new-since-visit");
    }
  }
  // A big chart fitted whole draws its names too small to read: start near its person, or at its top.
  var READABLE = 1.6;
  if (window.location.hash.indexOf("#person-") === 0) {
    focus(window.location.hash.slice(1));
  } else if (unitsPerPixel() > READABLE) {
    var centre = svg.querySelector(".focus");
    if (!centre || !focus(centre.id)) {
      var w = Math.min(home.w, room.width);
      var h = Math.min(home.h, room.height);
      view = { x: home.x + (home.w - w) / 2, y: home.y, w: w, h: h };
      apply();
    }
  }
})();
