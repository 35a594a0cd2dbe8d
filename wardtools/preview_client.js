// Injected by `ward serve` into every previewed page (never written to the site).
// Reloads the page after a successful rebuild; after a failed one, shows the
// problems (file, line, what to fix) over the page until the next good build.
// While a build runs (the earlier preview served at start), says so.
(function () {
  "use strict";
  var OVERLAY_ID = "ward-preview-problems";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) { old.parentNode.removeChild(old); }
  }

  var HIDDEN_KEY = "ward-preview-notes-hidden";
  function hiddenNotes() {
    try { return window.sessionStorage.getItem(HIDDEN_KEY); } catch (e) { return null; }
  }
  function hideNotes(notes) {
    try { window.sessionStorage.setItem(HIDDEN_KEY, notes); } catch (e) { /* private mode */ }
  }

  function showOverlay(state) {
    removeOverlay();
    var errors = state.errors || [];
    var notes = state.warnings || [];
    if (state.building && !errors.length) {
      errors = [];
      notes = ["Trang đang xem chưa có những sửa đổi mới nhất. Khi cập nhật xong, trang tự tải lại."];
    }
    if (!errors.length && !notes.length) { return; }
    // Notes hidden with "Ẩn" stay hidden on the next pages of this tab until
    // they change (on a phone they covered the footer's links on every page).
    var seen = notes.join("\n");
    if (!errors.length && hiddenNotes() === seen) { return; }
    var box = document.createElement("section");
    box.id = OVERLAY_ID;
    box.setAttribute("role", state.building && !errors.length ? "status" : "alert");
    box.setAttribute("lang", "vi");
    var s = box.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0";
    s.maxHeight = errors.length ? "70vh" : "30vh"; s.overflow = "auto";
    s.zIndex = "2147483647"; s.padding = "1rem 1.25rem";
    s.font = "15px/1.5 system-ui, sans-serif"; s.color = "#1a1a1a";
    s.background = errors.length ? "#fdecea" : "#fff8e1";
    s.borderTop = "4px solid " + (errors.length ? "#b3261e" : "#a66b00");
    s.boxShadow = "0 -4px 16px rgba(0,0,0,.25)";
    var title = document.createElement("h2");
    title.style.margin = "0 0 .5rem"; title.style.fontSize = "17px";
    title.textContent = errors.length
      ? "Bản xem trước chưa cập nhật: " + errors.length + " lỗi cần sửa"
      : state.building
        ? "Đang cập nhật bản xem trước…"
        : "Lưu ý trước khi đăng (" + notes.length + ")";
    box.appendChild(title);
    var list = document.createElement("ol");
    list.style.margin = "0"; list.style.paddingLeft = "1.5rem";
    (errors.length ? errors : notes).forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
    var hint = document.createElement("p");
    hint.style.margin = ".5rem 0 0";
    hint.textContent = errors.length
      ? "Trang đang xem là bản cũ. Sửa các lỗi trên rồi lưu tệp: trang tự tải lại."
      : state.building
        ? "Vẫn xem và soạn bài được trong lúc chờ; bài lưu lúc này cũng được cập nhật."
        : "Bản xem trước vẫn được cập nhật. Điều nào trang chính thức sẽ không đăng thì lời nhắc ghi rõ (make check liệt kê đủ); các điều khác chỉ là nhắc nhở.";
    box.appendChild(hint);
    var close = document.createElement("button");
    close.type = "button"; close.textContent = "Ẩn";
    close.style.position = "absolute"; close.style.top = ".5rem"; close.style.right = "1rem";
    close.addEventListener("click", function () {
      if (!errors.length) { hideNotes(seen); }
      removeOverlay();
    });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function fetchState() {
    fetch("/__wardtools/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(showOverlay)
      .catch(function () {});
  }

  var source = new EventSource("/__wardtools/events");
  source.onmessage = function (event) {
    if (event.data === "reload") { window.location.reload(); }
    else if (event.data === "problems") { fetchState(); }
  };
  fetchState();
})();
