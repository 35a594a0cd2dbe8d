/* Nothing typed is lost in a save conflict: safety.js keeps the fields the
   refused save had changed (the server's "mine": label and value), in this
   browser, under the entry's address. When that entry is open again (after
   "Tải lại bài", or another day), a panel shows them with a "Chép" button
   each, until the officer says they are back in the post. */
(function () {
  "use strict";
  var PREFIX = "ward-phan-chua-luu:";
  var PANEL_ID = "phan-chua-luu";

  function kept(hash) {
    try {
      var found = JSON.parse(window.localStorage.getItem(PREFIX + hash) || "null");
      return found && Array.isArray(found.fields) && found.fields.length ? found : null;
    } catch (e) { return null; }
  }

  function forget(hash) {
    try { window.localStorage.removeItem(PREFIX + hash); } catch (e) { /* nothing kept */ }
  }

  function copy(area, button) {
    function done() {
      button.textContent = "Đã chép";
      window.setTimeout(function () { button.textContent = "Chép"; }, 2000);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(area.value).then(done, function () {
        area.select();
        if (document.execCommand("copy")) { done(); }
      });
      return;
    }
    area.select();
    if (document.execCommand("copy")) { done(); }
  }

  function panel(hash, found) {
    var shown = document.createElement("section");
    shown.id = PANEL_ID;
    shown.setAttribute("data-hash", hash);
    shown.setAttribute("aria-labelledby", PANEL_ID + "-tieu-de");
    var heading = document.createElement("h2");
    heading.id = PANEL_ID + "-tieu-de";
    heading.textContent = "Phần bạn đã gõ, chưa lưu";
    var when = new Date(found.when);
    var intro = document.createElement("p");
    intro.textContent = "Lúc " + when.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) +
      " bài đã được sửa ở nơi khác nên phần này chưa lưu. Bài đang mở là bản mới nhất; " +
      "chép từng phần dưới đây vào đúng trường rồi bấm Lưu.";
    shown.appendChild(heading);
    shown.appendChild(intro);
    found.fields.forEach(function (field, index) {
      var id = PANEL_ID + "-" + index;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = field.label;
      var area = document.createElement("textarea");
      area.id = id;
      area.readOnly = true;
      area.rows = Math.min(6, String(field.value).split("\n").length + 1);
      area.value = field.value;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Chép";
      button.setAttribute("aria-label", "Chép " + field.label);
      button.addEventListener("click", function () { copy(area, button); });
      shown.appendChild(label);
      shown.appendChild(area);
      shown.appendChild(button);
    });
    var finished = document.createElement("button");
    finished.type = "button";
    finished.className = "xong";
    finished.textContent = "Đã chép xong, bỏ khung này";
    finished.addEventListener("click", function () {
      forget(hash);
      shown.remove();
    });
    shown.appendChild(finished);
    return shown;
  }

  function update() {
    var hash = window.location.hash;
    var open = document.getElementById(PANEL_ID);
    if (open && open.getAttribute("data-hash") !== hash) { open.remove(); open = null; }
    var found = !open && kept(hash);
    if (found) { document.body.appendChild(panel(hash, found)); }
  }

  var sheet = document.createElement("style");
  sheet.textContent =
    "#phan-chua-luu{position:fixed;z-index:9998;right:.75rem;bottom:.75rem;" +
    "width:min(26rem,calc(100% - 1.5rem));max-height:45vh;overflow:auto;background:#fffbea;" +
    "color:#1a1a1a;border:2px solid #8a5a00;border-radius:6px;padding:.75rem 1rem;" +
    "box-shadow:0 4px 24px rgba(0,0,0,.3);font:15px/1.45 sans-serif}" +
    "#phan-chua-luu h2{font-size:1.05rem;margin:0 0 .4rem}" +
    "#phan-chua-luu p{margin:0 0 .6rem}" +
    "#phan-chua-luu label{display:block;font-weight:600;margin-top:.5rem}" +
    "#phan-chua-luu textarea{display:block;width:100%;box-sizing:border-box;font:inherit}" +
    "#phan-chua-luu button{margin-top:.3rem;padding:.3rem .8rem;font:inherit;cursor:pointer}" +
    "#phan-chua-luu .xong{display:block;margin-top:.8rem}";
  function start() {
    document.head.appendChild(sheet);
    update();
  }
  window.addEventListener("hashchange", update);
  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
})();
