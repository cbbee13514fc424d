/* Copy buttons: <button data-copy="ID" data-copied="Copied!" hidden> copies the value of the field #ID.
   The buttons stay hidden without JavaScript (the fields are read-only and can be selected by hand). */
(function () {
  "use strict";

  function selectField(field) {
    field.focus();
    field.select();
    if (field.setSelectionRange) {
      field.setSelectionRange(0, field.value.length);
    }
  }

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Plain http (a site on the home network): the older way, through a selection.
    selectField(field);
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function confirm(button) {
    var original = button.textContent;
    button.textContent = button.getAttribute("data-copied") || original;
    button.setAttribute("aria-live", "polite");
    window.setTimeout(function () { button.textContent = original; }, 2500);
  }

  function setUp(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(field).then(function () { confirm(button); }, function () { selectField(field); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
