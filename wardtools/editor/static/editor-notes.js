/* Notes ("lưu ý") on a saved data file, shown after the save: the save went
   through, but the officer should know, e.g. a planned downtime announced
   fewer than 7 working days ahead (Decree 224/2026), or a budget period due.
   The server (backend.py, persistEntry) answers them as "notes"; they stay in
   a box at the bottom until closed, and a later save without notes removes it.
   Paths become line numbers, keys become the form's labels (editor-errors.js). */
(function () {
  "use strict";
  var BOX_ID = "luu-y-khi-luu";
  var API = /\/api\/v1$/;
  var realFetch = window.fetch.bind(window);

  function words(note) {
    // "content/data/x.yml:4: trường …" -> "Dòng 4: trường …"
    var text = note.replace(/^(?:\S*\/)?content\/\S+?\.ya?ml:(\d+):\s*/, "Dòng $1: ")
      .replace(/^(?:\S*\/)?content\/\S+?\.ya?ml:\s*/, "");
    return window.wardErrors ? window.wardErrors.officerWords(text) : text;
  }

  function remove() {
    var old = document.getElementById(BOX_ID);
    if (old) { old.remove(); }
  }

  function show(notes) {
    remove();
    var box = document.createElement("div");
    box.id = BOX_ID;
    box.setAttribute("role", "status");
    box.style.cssText = "position:fixed;bottom:12px;left:50%;transform:translateX(-50%);" +
      "z-index:10000;width:min(720px,calc(100% - 16px));max-height:40vh;overflow:auto;" +
      "padding:12px 16px;background:#fffbe6;color:#3d2e00;border:2px solid #8a6100;" +
      "border-radius:6px;box-shadow:0 4px 16px rgb(0 0 0 / 25%);font-size:15px;line-height:1.45";
    var heading = document.createElement("p");
    heading.style.cssText = "margin:0 0 6px;font-weight:700";
    heading.textContent = "Đã lưu. Lưu ý (không phải lỗi, nhưng nên sửa):";
    var list = document.createElement("ul");
    list.style.cssText = "margin:0 0 10px;padding-left:20px;white-space:pre-wrap";
    notes.forEach(function (note) {
      var item = document.createElement("li");
      item.textContent = words(note);
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Đã hiểu, đóng lưu ý";
    close.style.cssText = "font:inherit;padding:4px 12px;color:#fff;background:#6b4b00;" +
      "border:0;border-radius:4px;cursor:pointer";
    close.addEventListener("click", remove);
    box.appendChild(heading);
    box.appendChild(list);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var answer = realFetch(input, init);
    if (!API.test(url.split("?")[0]) || !init || typeof init.body !== "string" ||
        init.body.indexOf("\"persistEntry\"") < 0) {
      return answer;
    }
    return answer.then(function (response) {
      if (response.ok) {
        response.clone().json().then(function (body) {
          if (body && body.notes && body.notes.length) { show(body.notes); } else { remove(); }
        }, function () {});
      }
      return response;
    });
  };
})();
