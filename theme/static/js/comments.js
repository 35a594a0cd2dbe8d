/* Comment form (mailto mode): opens the citizen's mail app with the subject
   "Bình luận: <title>" and a body holding the post URL, the text, name and area.
   Without this script the form still opens a mail (body only), and the link
   below the form works everywhere. */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form[data-mailto]");
  if (!form) {
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = function (name) {
      var field = form.elements[name];
      return field ? field.value.trim() : "";
    };
    var body =
      "Bài viết: " + form.getAttribute("data-post-url") + "\n\n" +
      value("body") + "\n\n" +
      "Họ và tên: " + value("ten") + "\n" +
      "Khu vực, địa chỉ: " + value("khu-vuc") + "\n";
    var subject = "Bình luận: " + form.getAttribute("data-post-title");
    var url =
      "mailto:" + form.getAttribute("data-mailto") +
      "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body);
    form.setAttribute("data-opened", url); // lets the browser tests read what was opened
    window.location.href = url;
  });
})();
