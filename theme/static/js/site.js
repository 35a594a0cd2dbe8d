/* Photo lightbox: opens the large photo with its caption in a modal dialog.
   Keyboard: Esc closes, Left/Right move; swipe on touch screens. Without this
   script every photo is a plain link to its large version. */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a.photo-link"));
  if (!links.length || typeof HTMLDialogElement !== "function") {
    return;
  }

  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", "Xem ảnh");
  dialog.innerHTML =
    '<figure class="lightbox-figure"><img class="lightbox-image" alt="">' +
    '<figcaption class="lightbox-caption"></figcaption></figure>' +
    '<p class="lightbox-count" aria-live="polite"></p>' +
    '<button type="button" class="lightbox-prev" aria-label="Ảnh trước">&#8249;</button>' +
    '<button type="button" class="lightbox-next" aria-label="Ảnh sau">&#8250;</button>' +
    '<button type="button" class="lightbox-close" aria-label="Đóng">&#215;</button>';
  document.body.appendChild(dialog);

  var image = dialog.querySelector(".lightbox-image");
  var caption = dialog.querySelector(".lightbox-caption");
  var count = dialog.querySelector(".lightbox-count");
  var prev = dialog.querySelector(".lightbox-prev");
  var next = dialog.querySelector(".lightbox-next");
  var close = dialog.querySelector(".lightbox-close");
  image.draggable = false; // a mouse "swipe" must not start a native image drag
  var current = 0;
  var opener = null;
  var single = links.length < 2;
  prev.hidden = single;
  next.hidden = single;

  function captionOf(link) {
    var figure = link.closest("figure");
    var text = figure && figure.querySelector("figcaption");
    return text ? text.textContent : "";
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumbnail = link.querySelector("img");
    image.src = link.getAttribute("data-large") || link.href;
    image.alt = thumbnail ? thumbnail.alt : "";
    caption.textContent = captionOf(link);
    count.textContent = single ? "" : "Ảnh " + (current + 1) + "/" + links.length;
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return; // let the browser open the large photo in a new tab
      }
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      close.focus();
    });
  });

  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", function () { dialog.close(); });

  function focusable() {
    return Array.prototype.filter.call(dialog.querySelectorAll("button"), function (b) {
      return !b.hidden;
    });
  }

  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    if (event.key === "Tab") {
      // Keep focus inside: wrap from the last control to the first and back.
      var controls = focusable();
      var first = controls[0];
      var last = controls[controls.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
    }
  });
  // A click on the dimmed backdrop (the dialog itself, not its content) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) { dialog.close(); }
  });
  dialog.addEventListener("close", function () {
    image.removeAttribute("src");
    if (opener) { opener.focus(); }
  });

  var startX = null;
  dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; });
  dialog.addEventListener("pointercancel", function () { startX = null; });
  dialog.addEventListener("pointerup", function (event) {
    if (startX === null) { return; }
    var distance = event.clientX - startX;
    startX = null;
    if (Math.abs(distance) > 50) { show(distance < 0 ? current + 1 : current - 1); }
  });
})();

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

/* Share and print: copy link, the phone's own share sheet, print. The buttons
   stay hidden without JavaScript (the Facebook link works everywhere). */
(function () {
  "use strict";
  var status = document.querySelector(".share-status");
  function say(text) {
    if (status) { status.textContent = text; }
  }
  var copy = document.querySelector(".share-copy");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-url")).then(
        function () { say("Đã sao chép liên kết."); },
        function () { say("Không sao chép được; hãy sao chép địa chỉ trên thanh trình duyệt."); }
      );
    });
  }
  var native = document.querySelector(".share-native");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({
        title: native.getAttribute("data-title"),
        url: native.getAttribute("data-url")
      }).catch(function () { /* the reader closed the share sheet */ });
    });
  }
  var print = document.querySelector(".print-button");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
