/* Decap 3.16 keeps the open entry's form when the address changes straight to
   another entry (a bookmark, an address typed or pasted, the browser's back
   and forward between two entries): the reception schedule opened right after
   a week's schedule showed the week's items, and "Lưu" would have written them
   into the reception file, or been refused for fields the form lacked. Through
   the collection list Decap loads the new entry properly; here any such jump
   reloads the page, so the form is always the entry in the address.
   Decap's own moves are left alone: a new entry becoming its saved address,
   "Tạo bản sao" (…/new?duplicate). */
(function () {
  "use strict";
  var EDITOR = /^#\/collections\/([^/?]+)\/(entries\/[^?]+|new)/;

  function editorOf(hash) {
    var match = EDITOR.exec(decodeURIComponent(hash || ""));
    return match ? { collection: match[1], entry: match[2] } : null;
  }

  window.addEventListener("hashchange", function (event) {
    var from = editorOf(new URL(event.oldURL).hash);
    var to = editorOf(new URL(event.newURL).hash);
    if (!from || !to || to.entry === "new") { return; }
    var saved = from.entry === "new" && from.collection === to.collection;
    if (!saved && (from.collection !== to.collection || from.entry !== to.entry)) {
      window.location.reload();
    }
  });
})();
