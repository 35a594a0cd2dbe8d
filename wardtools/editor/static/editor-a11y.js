/* Names for Decap's unnamed controls (axe: button-name, aria-command-name,
   aria-input-field-name, aria-required-attr, frame-title) and darker error
   colours (color-contrast). Decap renders these
   without text; the labels are added as the screens appear. What a script
   cannot fix is listed in README (accessibility of the editor). */
(function () {
  "use strict";
  function name(element, label) {
    if (!element.getAttribute("aria-label")) { element.setAttribute("aria-label", label); }
  }
  // Decap's error red (#ff003b) and its "save" teal (#17a2b8) are below 4.5:1
  // with white; the same hues, darker. Computed, as their class names are hashed.
  var DARKER = { "rgb(255, 0, 59)": "#c8002e", "rgb(23, 162, 184)": "#117a8b" };
  var decap = window.wardDecap;  // decap-hooks.js: labels, errors, hints, status, save
  function coloured() {
    return decap.labels().concat(decap.errorItems(), decap.hints(), decap.backStatus(),
      decap.publishButtons());
  }
  function darken() {
    coloured().forEach(function (element) {
      // Decap's state may have changed since: look at its own colours again.
      element.style.removeProperty("color");
      element.style.removeProperty("background-color");
      var style = window.getComputedStyle(element);
      if (DARKER[style.color]) { element.style.setProperty("color", DARKER[style.color], "important"); }
      if (DARKER[style.backgroundColor]) {
        element.style.setProperty("background-color", DARKER[style.backgroundColor], "important");
      }
    });
  }
  function fix() {
    darken();
    document.querySelectorAll("iframe#preview-pane:not([title])").forEach(function (frame) {
      frame.setAttribute("title", "Xem trước bài đang soạn");
    });
    document.querySelectorAll("[data-slate-editor][role='textbox']").forEach(function (box) {
      name(box, "Nội dung");
    });
    document.querySelectorAll("[aria-roledescription='sortable'][role='button']").forEach(function (handle) {
      name(handle, "Kéo để đổi thứ tự");
    });
    // A list item's top bar: open/close on the left, remove on the right.
    decap.listItemBars().forEach(function (bar) {
      var buttons = bar.querySelectorAll(":scope > button");
      if (buttons.length) { name(buttons[0], "Mở ra hoặc thu gọn mục này"); }
      if (buttons.length > 1) { name(buttons[buttons.length - 1], "Bỏ mục này khỏi danh sách"); }
    });
    // The Markdown switch of the body's toolbar: on when the plain textarea shows.
    decap.markdownSwitches().forEach(function (toggle) {
      name(toggle, "Soạn dạng Markdown");
      var control = decap.fieldOf(toggle) || document;
      var on = !control.querySelector("[data-slate-editor]");
      if (toggle.getAttribute("aria-checked") !== String(on)) {
        toggle.setAttribute("aria-checked", String(on));
      }
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fix(); });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"]
  });
})();
