/* A new entry not yet saved is not "saved": Decap shows its "changes saved"
   status for any entry without edits, a new empty post included, so the
   officer who opens "Thêm bài viết" and leaves is told it was saved. On a
   new entry's screen (#/collections/<name>/new) that status reads "Bài mới,
   chưa lưu" instead; once the entry exists (its address is /entries/…) Decap's
   words come back. The status is found by its words (Decap's locale), not by
   Decap's generated class names. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var NOT_SAVED = "Bài mới, chưa lưu";
  var NEW_ENTRY = /^#\/collections\/[^/]+\/new(?:\?|$)/;

  function savedWords() {
    var locale = CMS && CMS.getLocale && CMS.getLocale("vi");
    var toolbar = locale && locale.editor && locale.editor.editorToolbar;
    return (toolbar && toolbar.changesSaved) || "Thay đổi đã được lưu";
  }

  // Leaf elements of the editor's top bar saying exactly `words`.
  function saying(words) {
    var found = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (node.nodeValue.trim() === words && node.parentElement &&
          !node.parentElement.closest("[contenteditable], textarea, #phan-chua-luu")) {
        found.push(node);
      }
    }
    return found;
  }

  function update() {
    if (!document.body) { return; }
    var saved = savedWords();
    if (NEW_ENTRY.test(window.location.hash)) {
      saying(saved).forEach(function (node) {
        node.nodeValue = NOT_SAVED;
        node.parentElement.setAttribute("data-ward-new-entry", "");
      });
      return;
    }
    document.querySelectorAll("[data-ward-new-entry]").forEach(function (element) {
      element.removeAttribute("data-ward-new-entry");
      saying(NOT_SAVED).forEach(function (node) {
        if (element.contains(node)) { node.nodeValue = saved; }
      });
    });
  }

  var pending = false;
  function soon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }
  window.addEventListener("hashchange", update);
  new MutationObserver(soon).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true
  });
})();
