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
    '<figcaption class="lightbox-caption"><span class="lightbox-text"></span>' +
    '<span class="lightbox-credit"></span></figcaption></figure>' +
    '<p class="lightbox-count" aria-live="polite"></p>' +
    '<button type="button" class="lightbox-prev" aria-label="Ảnh trước">&#8249;</button>' +
    '<button type="button" class="lightbox-next" aria-label="Ảnh sau">&#8250;</button>' +
    '<button type="button" class="lightbox-close" aria-label="Đóng">&#215;</button>';
  document.body.appendChild(dialog);

  var image = dialog.querySelector(".lightbox-image");
  var caption = dialog.querySelector(".lightbox-text");
  var credit = dialog.querySelector(".lightbox-credit");
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

  function textOf(link, selector) {
    var figure = link.closest("figure");
    var element = figure && figure.querySelector(selector);
    return element ? element.textContent : "";
  }

  /* The photo's own renditions (the thumbnail's WebP srcset), sized to what the
     lightbox can show on this screen: a phone gets the 480/960 px file, not 1600. */
  function sizesFor(thumbnail) {
    var width = thumbnail ? parseInt(thumbnail.getAttribute("width"), 10) : 0;
    var height = thumbnail ? parseInt(thumbnail.getAttribute("height"), 10) : 0;
    var ratio = width && height ? width / height : 1.5;
    var room = Math.max(window.innerHeight - 128, 160);
    return Math.round(Math.min(window.innerWidth, room * ratio)) + "px";
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumbnail = link.querySelector("img");
    var source = link.querySelector("source[srcset]");
    image.removeAttribute("src");
    if (source) {
      image.sizes = sizesFor(thumbnail);
      image.srcset = source.getAttribute("srcset");
    } else {
      image.removeAttribute("srcset");
    }
    image.src = link.getAttribute("data-large") || link.href;
    image.alt = thumbnail ? thumbnail.alt : "";
    caption.textContent = textOf(link, ".photo-caption");
    var by = textOf(link, ".photo-credit");
    credit.textContent = by;
    credit.hidden = !by;
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
    image.removeAttribute("srcset");
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

/* Phone menu: without this script the "Menu" link opens the menu through
   :target; with it, the link is a toggle button that says whether it is open. */
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu-chinh");
  if (!toggle || !menu) { return; }
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  function setOpen(open) {
    menu.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); toggle.click(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
})();

/* "Về đầu trang": a corner button once the reader is more than a screen down
   a long page. Where the corner lies beside the text (wide screens) it stays;
   on a phone it would cover the text, so it shows only while the reader scrolls
   back up. The footer's plain link does the same without JavaScript. */
(function () {
  "use strict";
  var button = document.querySelector(".back-to-top");
  var layout = document.querySelector(".layout");
  if (!button) { return; }
  var ticking = false;
  var lastY = window.scrollY;
  function update() {
    ticking = false;
    var y = window.scrollY;
    var long = document.documentElement.scrollHeight > 2.5 * window.innerHeight;
    var besideText = layout && layout.getBoundingClientRect().right + 56 <= window.innerWidth;
    var goingUp = y < lastY;
    lastY = y;
    button.hidden = !(long && y > window.innerHeight && (besideText || goingUp));
  }
  window.addEventListener("scroll", function () {
    if (!ticking) { ticking = true; window.requestAnimationFrame(update); }
  }, { passive: true });
  window.addEventListener("resize", update);
  update();
})();

/* Text size (A− / A+): the article's text from one step smaller to three steps
   larger, remembered on this device. */
(function () {
  "use strict";
  var tools = document.querySelector(".reading-tools");
  var root = document.documentElement;
  var KEY = "co-chu";
  var MIN = -1;
  var MAX = 3;
  function stored() {
    try { return parseInt(window.localStorage.getItem(KEY), 10) || 0; } catch (e) { return 0; }
  }
  function apply(step) {
    step = Math.max(MIN, Math.min(MAX, step));
    if (step) { root.setAttribute("data-text-size", String(step)); } else { root.removeAttribute("data-text-size"); }
    if (tools) {
      tools.querySelector(".text-smaller").disabled = step <= MIN;
      tools.querySelector(".text-larger").disabled = step >= MAX;
    }
    return step;
  }
  var step = apply(stored());
  if (!tools) { return; }
  tools.classList.remove("is-pending");
  function change(delta) {
    step = apply(step + delta);
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode */ }
  }
  tools.querySelector(".text-smaller").addEventListener("click", function () { change(-1); });
  tools.querySelector(".text-larger").addEventListener("click", function () { change(1); });
})();

/* "Nghe bài viết": the browser's own speech synthesis reads the title and the
   text, paragraph by paragraph. Shown only when a Vietnamese voice exists;
   nothing is fetched from anywhere. */
(function () {
  "use strict";
  var tools = document.querySelector(".reading-tools");
  var synth = window.speechSynthesis;
  if (!tools || !synth || typeof SpeechSynthesisUtterance !== "function") { return; }
  var listen = tools.querySelector(".listen");
  var pause = tools.querySelector(".listen-pause");
  var stop = tools.querySelector(".listen-stop");
  var voice = null;

  function findVoice() {
    var voices = synth.getVoices() || [];
    voice = null;
    for (var i = 0; i < voices.length; i++) {
      if (/^vi(\b|[-_])/i.test(voices[i].lang)) { voice = voices[i]; break; }
    }
    listen.hidden = !voice;
  }
  findVoice();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", findVoice);
  }

  function paragraphs() {
    var post = document.querySelector("article.post");
    var parts = [];
    var title = post && post.querySelector("h1");
    if (title) { parts.push(title.textContent); }
    var blocks = post ? post.querySelectorAll(".post-body p, .post-body li, .post-body h2, .post-body h3, .post .photo-caption") : [];
    Array.prototype.forEach.call(blocks, function (block) {
      var text = block.textContent.replace(/\s+/g, " ").trim();
      if (text) { parts.push(text); }
    });
    return parts;
  }

  function reading(active) {
    listen.hidden = active || !voice;
    pause.hidden = !active;
    stop.hidden = !active;
    pause.textContent = "Tạm dừng";
  }

  listen.addEventListener("click", function () {
    synth.cancel();
    var parts = paragraphs();
    parts.forEach(function (text, index) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "vi-VN";
      utterance.voice = voice;
      if (index === parts.length - 1) {
        utterance.addEventListener("end", function () { reading(false); });
      }
      synth.speak(utterance);
    });
    reading(true);
    pause.focus();
  });
  pause.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); pause.textContent = "Tạm dừng"; } else { synth.pause(); pause.textContent = "Đọc tiếp"; }
  });
  stop.addEventListener("click", function () {
    synth.cancel();
    reading(false);
    listen.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
