/* Errors that stay until the officer closes them, in the officer's words.
   Decap shows a refused save as a toast that closes after five seconds, with
   "API_ERROR:" and file paths in it, and says nothing near a field scrolled out
   of view. Here each error toast is copied into a box at the top of the page
   (role="alert", closed only by its button), paths become "bài này", and the
   form scrolls to the first field Decap or the server marks as wrong, whose
   label is named in the box. */
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
      .replace(/\b(?:Type)?Error:\s*/g, "")
      .replace(/(?:\/[^\s:"]*\/)?content\/[^\s:"]+\.(?:md|markdown|yml|yaml)(?::(\d+))?/g,
        function (_whole, line) { return line ? entry + ", dòng " + line : entry; })
      .replace(/(?:\/tmp|\/var|\/home|[A-Z]:\\)[^\s"]*/g, "")
      .replace(/LỖI\s+/g, "• ")
      .trim();
  }

  function labelOf(container) {
    var label = container && container.querySelector("label");
    return label ? label.textContent.trim() : "";
  }

  // The field the error is about: one Decap marked, else one the server named.
  function faultyField(message) {
    var marked = document.querySelector("ul[class*='ControlErrorsList'] li");
    if (marked) {
      var container = marked.closest("[class*='ControlContainer']") || marked.parentElement;
      return { element: container, label: labelOf(container), problem: marked.textContent.trim() };
    }
    var named = /trường "([a-z_]+)"/.exec(message || "");
    if (named) {
      var input = document.querySelector("[id^='" + named[1] + "-field']");
      if (input) {
        var label = document.querySelector("label[for='" + input.id + "']");
        return { element: input, label: label ? label.textContent.trim() : named[1], problem: "" };
      }
    }
    return null;
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
    var field = faultyField(message);
    if (field) {
      if (field.label) {
        var about = "Trường \u201c" + field.label.replace(/\s*\*$/, "") + "\u201d" +
          (field.problem ? ": " + field.problem.toLowerCase() : " cần sửa") + ".";
        lines.unshift(about);
      }
      field.element.scrollIntoView({ block: "center" });
      var input = field.element.matches("input, textarea")
        ? field.element : field.element.querySelector("input, textarea");
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
          // Let Decap mark its fields first (same tick as the toast, or just after).
          window.setTimeout(function () { show(toast.textContent || ""); }, 50);
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
