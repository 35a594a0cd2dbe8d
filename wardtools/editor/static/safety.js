/* No edit is lost (wardtools/editor/versions.py): Decap's local protocol has
   no version, so this script remembers the content hash (file.id) each read
   answered, per path, and sends it back with every save and delete as
   params.versions. The server refuses (409) when the file changed since; we
   then show the server's sentence, once (Decap's toast of it is left out),
   with a "Tải lại bài" button that drops Decap's unsaved copy of that entry
   (it would undo the other edit again) and reloads; what the officer had
   typed is kept for kept-typing.js to show after the reload. Deletes go to the trash: a link to "Thùng rác" stays in view.
   Loaded before Decap, so it sees every request. */
(function () {
  "use strict";
  // Only with our own server (make serve listens on this machine only); the
  // hosted editor (wardtools/editor/hosted.py) saves through Git instead.
  if (!/^(127\.|localhost$|\[::1\]$)/.test(window.location.hostname)) { return; }
  var API = /\/api\/v1$/;
  var known = {};
  var realFetch = window.fetch.bind(window);

  function remember(path, id, always) {
    if (path && id && (always || !known[path])) { known[path] = id; }
  }

  function pathsSent(action, params) {
    if (action === "persistEntry") {
      return (params.dataFiles || []).map(function (f) { return f && f.path; });
    }
    if (action === "persistMedia") { return [params.asset && params.asset.path]; }
    if (action === "deleteFile") { return [params.path]; }
    if (action === "deleteFiles") { return params.paths || []; }
    return [];
  }

  function learn(action, params, answer) {
    if (!answer) { return; }
    var list = Array.isArray(answer) ? answer : [answer];
    if (action === "entriesByFolder" || action === "entriesByFiles" || action === "getEntry") {
      // A list refreshed in the background must not move an open entry's
      // version forward: only opening an entry (getEntry) does.
      var always = action !== "entriesByFolder";
      list.forEach(function (e) { if (e && e.file) { remember(e.file.path, e.file.id, always); } });
    } else if (action === "getMedia" || action === "getMediaFile" || action === "persistMedia") {
      list.forEach(function (f) { if (f) { remember(f.path, f.id, action !== "getMedia"); } });
    } else if (action === "persistEntry" && answer.versions) {
      Object.keys(answer.versions).forEach(function (p) { remember(p, answer.versions[p], true); });
    } else if (action === "deleteFile" || action === "deleteFiles") {
      pathsSent(action, params).forEach(function (p) { delete known[p]; });
      notice("Đã chuyển vào Thùng rác. Muốn lấy lại: mở Thùng rác, bấm Khôi phục.");
    }
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    if (!API.test(url.split("?")[0]) || !init || typeof init.body !== "string") {
      return realFetch(input, init);
    }
    var request;
    try { request = JSON.parse(init.body); } catch (e) { return realFetch(input, init); }
    var params = request.params || {};
    var sent = pathsSent(request.action, params);
    if (sent.length) {
      params.versions = {};
      sent.forEach(function (p) { if (p && known[p]) { params.versions[p] = known[p]; } });
      request.params = params;
      init = Object.assign({}, init, { body: JSON.stringify(request) });
    }
    return realFetch(input, init).then(function (response) {
      if (response.ok) {
        response.clone().json().then(function (answer) {
          learn(request.action, params, answer);
        }, function () {});
      } else if (response.status === 409) {
        // Shown before Decap sees the refusal, so its toast of the same words
        // is known to be this one (editor-errors.js then leaves it out).
        return response.clone().json().then(function (answer) {
          if (answer && answer.conflict) { conflict(answer, sent); }
          return response;
        }, function () { return response; });
      }
      return response;
    });
  };

  // Decap keeps an unsaved copy of an entry (IndexedDB "localforage") and
  // offers it after a reload: it holds the old text, so it is dropped.
  function dropUnsavedCopies(paths) {
    return new Promise(function (resolve) {
      var opening;
      try { opening = indexedDB.open("localforage"); } catch (e) { resolve(); return; }
      opening.onerror = function () { resolve(); };
      opening.onsuccess = function () {
        var db = opening.result;
        if (!db.objectStoreNames.contains("keyvaluepairs")) { db.close(); resolve(); return; }
        var store = db.transaction("keyvaluepairs", "readwrite").objectStore("keyvaluepairs");
        var cursor = store.openCursor();
        cursor.onsuccess = function () {
          var c = cursor.result;
          if (!c) { return; }
          var value = c.value || {};
          if (String(c.key).indexOf("backup") === 0 && paths.indexOf(value.path) >= 0) {
            c.delete();
          }
          c.continue();
        };
        store.transaction.oncomplete = function () { db.close(); resolve(); };
        store.transaction.onerror = function () { db.close(); resolve(); };
      };
    });
  }

  function box(role, text) {
    var old = document.getElementById("ward-safety-box");
    if (old) { old.remove(); }
    var shown = document.createElement("div");
    shown.id = "ward-safety-box";
    shown.className = "ward-safety-box";
    shown.setAttribute("role", role);
    var message = document.createElement("p");
    message.textContent = text;
    shown.appendChild(message);
    document.body.appendChild(shown);
    return shown;
  }

  function button(parent, label, onclick) {
    var made = document.createElement("button");
    made.type = "button";
    made.textContent = label;
    made.addEventListener("click", onclick);
    parent.appendChild(made);
    return made;
  }

  // The officer's own changes the refused save carried (the server's "mine"),
  // kept in this browser for kept-typing.js to show after the reload.
  function keepTyping(mine) {
    if (!mine || !mine.length) { return; }
    try {
      window.localStorage.setItem("ward-phan-chua-luu:" + window.location.hash,
        JSON.stringify({ when: Date.now(), fields: mine }));
    } catch (e) { /* storage full or off: the message still says what to do */ }
  }

  var shownConflict = "";
  function conflict(answer, paths) {
    shownConflict = answer.error || "";
    keepTyping(answer.mine);
    var shown = box("alertdialog", shownConflict);
    shown.setAttribute("aria-label", "Chưa lưu: bài đã được sửa ở nơi khác");
    var reload = button(shown, "Tải lại bài", function () {
      dropUnsavedCopies(paths).then(function () { window.location.reload(); });
    });
    button(shown, "Đóng", function () { shown.remove(); });
    reload.focus();
  }
  // editor-errors.js: is this refusal the conflict already on screen?
  window.wardSafety = {
    isShownConflict: function (text) {
      var open = document.querySelector("#ward-safety-box[role=alertdialog]");
      return Boolean(open && shownConflict &&
        String(text).indexOf(shownConflict.slice(0, 60)) >= 0);
    }
  };

  function notice(text) {
    var shown = box("status", text);
    var link = document.createElement("a");
    link.href = "/quan-tri/thung-rac/";
    link.textContent = "Mở Thùng rác";
    shown.appendChild(link);
    button(shown, "Đóng", function () { shown.remove(); });
  }

  function trashLink() {
    if (document.getElementById("ward-trash-link")) { return; }
    var link = document.createElement("a");
    link.id = "ward-trash-link";
    link.className = "ward-trash-link";
    link.href = "/quan-tri/thung-rac/";
    link.textContent = "Thùng rác";
    document.body.appendChild(link);
  }
  function styles() {
    var sheet = document.createElement("style");
    sheet.textContent =
      ".ward-safety-box{position:fixed;z-index:10000;left:50%;top:4rem;" +
      "transform:translateX(-50%);max-width:36rem;width:calc(100% - 2rem);" +
      "background:#fff;color:#1a1a1a;border:3px solid #b00020;border-radius:6px;" +
      "padding:1rem;box-shadow:0 4px 24px rgba(0,0,0,.3);font:16px/1.5 sans-serif}" +
      ".ward-safety-box[role=status]{border-color:#0b6e4f;top:auto;bottom:1rem}" +
      ".ward-safety-box p{margin:0 0 .75rem}" +
      ".ward-safety-box button,.ward-safety-box a{margin-right:.75rem;font:inherit}" +
      ".ward-safety-box a{color:#1a4f8b;text-decoration:underline}" +
      ".ward-safety-box button{padding:.4rem .9rem;cursor:pointer}" +
      ".ward-trash-link{position:fixed;z-index:9999;left:.5rem;bottom:.5rem;" +
      "background:#fff;color:#1a4f8b;border:1px solid #1a4f8b;border-radius:4px;" +
      "padding:.3rem .7rem;font:15px sans-serif}";
    document.head.appendChild(sheet);
  }
  function start() { styles(); trashLink(); }
  if (document.body) { start(); } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
