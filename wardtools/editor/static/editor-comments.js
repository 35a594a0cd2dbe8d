/* The comment queue: once a queued comment is approved or rejected its file is
   gone (moved into the post's comments, or removed), so the editor goes back
   to the queue, read again from the server (wardtools/comment_queue.py). */
(function () {
  "use strict";
  var CMS = window.CMS;
  if (!CMS || !CMS.registerEventListener) { return; }
  CMS.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var entry = event && event.entry;
      if (!entry || entry.get("collection") !== "comment_queue") { return; }
      var decision = entry.getIn(["data", "decision"]) || "chờ duyệt";
      if (decision === "chờ duyệt") { return; }
      window.setTimeout(function () {
        window.location.hash = "#/collections/comment_queue";
        window.location.reload();
      }, 300);
    }
  });
})();
