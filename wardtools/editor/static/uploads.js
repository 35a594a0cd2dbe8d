/* Decap 3.16 names an upload sanitizeSlug(file.name.toLowerCase(), config.slug):
   with our slug settings (ascii, clean_accents, "-") it keeps "_", "." and "~"
   and turns each other character into "-", so "IMG_2026_0001.JPG" became
   "img_2026_0001.jpg" in the post while the server stored "img-2026-0001.jpg".

   So every upload goes past our server before Decap sees it ("prepareMedia",
   wardtools/editor/uploads.py): the server decodes a photo (a renamed .exe is
   refused here, in Vietnamese, and never reaches content/), turns HEIC into
   JPEG, checks a document as the build does, and answers the name the file
   will be stored under, numbered when the post already has that name. Decap
   then receives a file with that name: its own cleaning leaves it unchanged,
   so the name in the post is the stored name, and it never meets a name it
   already has (no "already exists" dialog). Only with our local server: a
   hosted editor (no /api/v1) keeps Decap's own behaviour. */
(function () {
  "use strict";
  var API = "/api/v1";
  var local = null; // a Promise of "is our local server answering?"
  var issued = {}; // names handed out since this entry was opened
  var passing = false; // the change event we dispatch ourselves

  function call(action, params) {
    return fetch(API, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: action, params: params })
    }).then(function (response) {
      return response.json().then(function (body) {
        return { ok: response.ok, body: body };
      });
    });
  }

  function isLocal() {
    if (!local) {
      local = call("info", {}).then(function (answer) {
        return answer.ok && answer.body && answer.body.type === "local_fs";
      }, function () { return false; });
    }
    return local;
  }

  // The folder of the post being edited ("#/collections/posts/entries/2024/x/index");
  // a new post has none yet. Other collections use the site's media folder.
  function folder() {
    var hash = decodeURIComponent(location.hash);
    var post = /^#\/collections\/posts\/entries\/(.+)\/index$/.exec(hash);
    if (post) { return "content/posts/" + post[1]; }
    if (/^#\/collections\/posts\//.test(hash)) { return null; }
    return "content/images";
  }
  window.addEventListener("hashchange", function () { issued = {}; });

  function base64Of(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        var url = String(reader.result);
        resolve(url.slice(url.indexOf(",") + 1));
      };
      reader.onerror = function () {
        reject("Không đọc được tệp \"" + file.name + "\" trên máy. Chép lại tệp rồi thử lại.");
      };
      reader.readAsDataURL(file);
    });
  }

  function bytesOf(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  var box = null;
  function show(message, kind) {
    if (!box) {
      box = document.createElement("div");
      box.id = "ward-upload-message";
      box.style.cssText = "position:fixed;top:12px;left:50%;transform:translateX(-50%);" +
        "z-index:2147483647;max-width:min(640px,92vw);padding:12px 16px;" +
        "border-radius:6px;font:16px/1.45 system-ui,sans-serif;white-space:pre-line;" +
        "box-shadow:0 4px 16px rgba(0,0,0,.3)";
      var text = document.createElement("p");
      text.style.margin = "0 0 8px";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Đóng";
      close.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(text);
      box.appendChild(close);
      document.body.appendChild(box);
    }
    var error = kind === "error";
    box.setAttribute("role", error ? "alert" : "status");
    box.style.background = error ? "#fdecea" : "#eef4fb";
    box.style.color = error ? "#611a15" : "#0b2e4f";
    box.style.border = "2px solid " + (error ? "#b3261e" : "#1d5b99");
    box.firstChild.textContent = message;
    box.lastChild.hidden = !error;
    box.hidden = false;
  }
  function hide() { if (box) { box.hidden = true; } }

  function prepared(file) {
    return base64Of(file).then(function (content) {
      return call("prepareMedia", {
        name: file.name,
        content: content,
        folder: folder(),
        taken: Object.keys(issued)
      });
    }).then(function (answer) {
      if (!answer.ok) {
        throw (answer.body && answer.body.error) ||
          "Máy chủ xem trước không nhận tệp \"" + file.name + "\".";
      }
      var body = answer.body;
      var data = body.converted ? bytesOf(body.content) : file;
      var type = body.converted ? "image/jpeg" : file.type;
      return new File([data], body.name, { type: type, lastModified: file.lastModified });
    });
  }

  function handOver(input, file) {
    var transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    passing = true;
    try {
      input.dispatchEvent(new Event("change", { bubbles: true }));
    } finally {
      passing = false;
    }
  }

  // Windows lists only the types it knows for "image/*": offer iPhone photos too.
  window.addEventListener("click", function (event) {
    var input = event.target;
    if (input && input.type === "file" && input.accept === "image/*") {
      input.accept = "image/*,.heic,.heif";
    }
  }, true);

  window.addEventListener("change", function (event) {
    var input = event.target;
    if (passing || !input || input.type !== "file" || !input.files || !input.files.length) {
      return;
    }
    event.stopImmediatePropagation();
    var file = input.files[0];
    isLocal().then(function (ours) {
      if (!ours) { handOver(input, file); return; }
      show("Đang kiểm tra tệp \"" + file.name + "\"…", "status");
      prepared(file).then(function (ready) {
        issued[ready.name] = true;
        hide();
        handOver(input, ready);
      }, function (message) {
        input.value = "";
        show(typeof message === "string" ? message : "Không gửi được tệp \"" + file.name +
          "\" đến máy xem trước. Kiểm tra cửa sổ make serve còn chạy rồi thử lại.", "error");
      });
    });
  }, true);
})();
