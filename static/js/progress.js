/* Progress bar of a background job: poll its JSON status, move the bar, reload the page when the job ends.
   Progressive enhancement only: without JavaScript the page refreshes itself (<noscript> meta refresh). */
(function () {
  "use strict";
  var bar = document.querySelector("progress[data-status-url]");
  if (!bar || !window.fetch) {
    return;
  }
  var url = bar.getAttribute("data-status-url");
  var text = document.getElementById(bar.getAttribute("aria-describedby") || "");
  var running = text ? text.getAttribute("data-running") : null;

  function show(state) {
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = Math.min(state.progress, state.total);
      bar.textContent = (state.percent === null ? "" : state.percent + " %");
      if (text && running && state.status === "running") {
        text.textContent = running.replace("{done}", state.progress).replace("{total}", state.total);
      }
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.finished) {
          window.location.reload();
          return;
        }
        if (state) {
          show(state);
        }
        window.setTimeout(poll, state ? 1000 : 5000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
