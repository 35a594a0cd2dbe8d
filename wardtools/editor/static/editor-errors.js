/* Errors that stay until the officer closes them, in the officer's words.
   Decap shows a refused save as a toast that closes after five seconds, with
   "API_ERROR:" and file paths in it, and says nothing near a field scrolled out
   of view. Here each error toast is copied into a box at the top of the page
   (role="alert", closed only by its button), paths become the post's title,
   and the form scrolls to the first field Decap or the server marks as wrong;
   each such field is named in the box by its label. Decap's own check of a
   field (a pattern, a required field) shows no toast at all: a click on "Lưu…"
   looks for the fields it marked. */
(function () {
  "use strict";
  var BOX_ID = "loi-khi-luu";

  function titleOfEntry() {
    var title = document.querySelector("input[id^='title-field']");
    return title && title.value ? "bài \u201c" + title.value + "\u201d" : "bài này";
  }

  // "content/posts/2024/x/index.md:12: trường "date": …" -> "bài "Tiêu đề", dòng 12: …"
  function officerWords(text) {
    var entry = titleOfEntry();
    return text
      .replace(/\bAPI_ERROR:\s*/g, "")
      // The box's heading says it already.
      .replace(/^\s*Chưa lưu:\s*/, "")
      .replace(/Chưa lưu vì nội dung có lỗi, sửa rồi lưu lại:\s*/, "")
      .replace(/\b(?:Type)?Error:\s*/g, "")
      .replace(/(?:\/[^\s:"]*\/)?content\/[^\s:"]+\.(?:md|markdown|yml|yaml)(?::(\d+))?/g,
        function (_whole, line) { return line ? entry + ", dòng " + line : entry; })
      .replace(/(?:\/tmp|\/var|\/home|[A-Z]:\\)[^\s"]*/g, "")
      .replace(/LỖI\s+/g, "• ")
      .replace(/trường "([a-z_]+)"/g, function (whole, key) {
        var label = labelFor(key);
        return label ? "trường \u201c" + label + "\u201d" : whole;
      })
      .trim();
  }

  // The label the form shows for a front matter key ("date" -> "Ngày giờ").
  function labelFor(key) {
    var input = document.querySelector("[id^='" + key + "-field']");
    var label = input && document.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.replace(/\s*\(không bắt buộc\)\s*$/i, "").trim() : "";
  }

  function labelOf(container) {
    var label = container && container.querySelector("label");
    return label ? label.textContent.trim() : "";
  }

  function fieldOf(element) {
    return window.wardDecap.fieldOf(element) || element.parentElement;
  }

  // The fields at fault: those Decap marked, else the one the server named.
  function faultyFields(message) {
    var marked = window.wardDecap.errorItems();
    if (marked.length) {
      return marked.map(function (item) {
        var container = fieldOf(item);
        return { element: container, label: labelOf(container), problem: item.textContent.trim() };
      });
    }
    var named = /trường "([a-z_]+)"/.exec(message || "");
    var input = named && document.querySelector("[id^='" + named[1] + "-field']");
    // Named in the message already: scroll to it, no second line about it.
    return input ? [{ element: input, label: "", problem: "" }] : [];
  }

  function aboutField(field) {
    var label = field.label.replace(/\s*\(không bắt buộc\)\s*$/i, "");
    var problem = field.problem.replace(/[.\s]+$/, "");
    return "Trường \u201c" + label + "\u201d" +
      (problem ? ": " + problem.charAt(0).toLowerCase() + problem.slice(1) : " cần sửa") + ".";
  }

  function box() {
    var found = document.getElementById(BOX_ID);
    if (found) { return found; }
    found = document.createElement("div");
    found.id = BOX_ID;
    found.setAttribute("role", "alert");
    found.hidden = true;
    var heading = document.createElement("p");
    heading.className = "loi-tieu-de";
    heading.textContent = "Chưa lưu được. Sửa theo hướng dẫn dưới đây rồi bấm Lưu lại:";
    var list = document.createElement("ul");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Đã hiểu, đóng thông báo";
    close.addEventListener("click", function () {
      found.hidden = true;
      list.textContent = "";
    });
    found.appendChild(heading);
    found.appendChild(list);
    found.appendChild(close);
    document.body.appendChild(found);
    return found;
  }

  function show(message) {
    var shown = box();
    var list = shown.querySelector("ul");
    var lines = officerWords(message).split(/\n+/).filter(Boolean);
    var fields = faultyFields(message);
    lines = fields.filter(function (f) { return f.label; }).map(aboutField).concat(lines);
    if (!lines.length) { return; }
    if (fields.length) {
      fields[0].element.scrollIntoView({ block: "center" });
      var input = fields[0].element.matches("input, textarea")
        ? fields[0].element : fields[0].element.querySelector("input, textarea");
      if (input) { input.focus({ preventScroll: true }); }
    }
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    shown.hidden = false;
  }

  // Decap refuses a save with a wrong field silently (no toast): after "Lưu",
  // look for the fields it marked.
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[role='menuitem'], button");
    if (!target || !/^\s*Lưu/.test(target.textContent || "")) { return; }
    window.setTimeout(function () {
      if (window.wardDecap.errorItems().length) { show(""); }
    }, 400);
  }, true);

  function isErrorToast(node) {
    return node.nodeType === 1 && node.matches &&
      node.matches(".Toastify__toast--error, .Toastify__toast--warning");
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) { return; }
        var toasts = isErrorToast(node) ? [node]
          : Array.prototype.slice.call(node.querySelectorAll(
            ".Toastify__toast--error, .Toastify__toast--warning"));
        toasts.forEach(function (toast) {
          var message = toast.textContent || "";
          // A save conflict has its own box with "Tải lại bài" (safety.js).
          if (window.wardSafety && window.wardSafety.isShownConflict(message)) {
            toast.style.display = "none";
            return;
          }
          // Let Decap mark its fields first (same tick as the toast, or just after).
          window.setTimeout(function () { show(message); }, 50);
          // The toast itself in the same words (no API_ERROR, no paths).
          var body = toast.querySelector(".Toastify__toast-body > div:last-child");
          if (body && body.children.length === 0) { body.textContent = officerWords(message); }
        });
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // A saved entry: an earlier error no longer applies.
  if (window.CMS && window.CMS.registerEventListener) {
    window.CMS.registerEventListener({
      name: "postSave",
      handler: function () {
        var shown = document.getElementById(BOX_ID);
        if (shown) { shown.hidden = true; }
      }
    });
  }
  window.wardErrors = { officerWords: officerWords };
})();
