/* Drafts and their addresses (wardtools/editor/approval.py, backend.address_for):
   - a new post's address comes from the server before Decap names its folder
     (config.yml: slug "{{fields.slug}}"), shortened to 80 characters by the same
     rule as `make new`; the form shows it read-only;
   - "Gửi duyệt" beside "Xem trên trang" downloads the draft's page as one file
     the leader opens on a phone without any server. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  if (!CMS || !h || !window.createClass) { return; }

  var AddressControl = window.createClass({
    render: function () {
      return h("input", {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        type: "text",
        readOnly: true,
        value: this.props.value || "",
        placeholder: "Tự đặt theo tiêu đề khi lưu",
        "aria-readonly": "true"
      });
    }
  });
  var AddressPreview = window.createClass({
    render: function () { return null; }
  });
  CMS.registerWidget("dia-chi", AddressControl, AddressPreview);

  function askAddress(title) {
    return fetch("/api/v1", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "wardAddress", params: { collection: "posts", title: title } })
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      if (!entry.get("newRecord") || entry.get("collection") !== "posts") { return undefined; }
      var data = entry.get("data");
      return askAddress(data.get("title") || "").then(function (answer) {
        return data.set("slug", answer.slug);
      }, function () {
        // A forge-hosted editor has no server: there the officer types the address.
        if (data.get("slug")) { return undefined; }
        throw new Error("Chưa lưu: không đặt được địa chỉ bài. Kiểm tra cửa sổ "
          + "make serve còn chạy rồi lưu lại.");
      });
    }
  });

  var VIEW = "/quan-tri/xem/";
  var SEND = "/quan-tri/gui-duyet/";
  var SEND_PDF = "/quan-tri/gui-duyet-pdf/";
  var ENTRY = /^#\/collections\/(posts|pages)\/entries\/(.+)$/;
  var LINK_STYLE = "display:inline-block;margin:0 0 0 12px;padding:6px 12px;border:1px solid #1d4ed8;"
    + "border-radius:5px;color:#1d4ed8;background:#fff;font-weight:600;text-decoration:none;";

  // Decap shows "Xem trên trang" only once a saved post is opened again: right
  // after the first save, ours stands in for it (and goes when Decap's comes).
  function standInViewLink() {
    var ours = document.querySelector("[data-xem-tam]");
    var match = ENTRY.exec(window.location.hash);
    var theirs = Array.prototype.some.call(
      document.querySelectorAll("a[href*='" + VIEW + "']"),
      function (link) { return !link.closest("[data-xem-tam]"); });
    if (ours && (theirs || !match || ours.getAttribute("data-xem-tam") !== match[0])) {
      ours.parentNode.removeChild(ours);
      ours = null;
    }
    var toolbar = window.wardDecap.toolbarMain();
    if (ours || theirs || !match || !toolbar) { return; }
    var box = document.createElement("div");
    box.setAttribute("data-xem-tam", match[0]);
    box.style.cssText = "display:flex;align-items:center;";
    var view = document.createElement("a");
    view.href = VIEW + match[1] + "/" + decodeURIComponent(match[2]);
    view.target = "_blank";
    view.rel = "noopener noreferrer";
    view.textContent = "Xem trên trang";
    view.style.cssText = LINK_STYLE;
    box.appendChild(view);
    toolbar.appendChild(box);
  }

  var SENDS = [
    { kind: "html", prefix: SEND, text: "Gửi duyệt",
      title: "Tải một tệp HTML của bản nháp để gửi lãnh đạo qua Zalo hoặc thư điện tử; "
        + "mở được trên điện thoại, không cần mạng." },
    { kind: "pdf", prefix: SEND_PDF, text: "Gửi duyệt (PDF)",
      title: "Bản nháp dạng PDF để gửi duyệt (cần Chrome, Edge hoặc Chromium trên máy này)." }
  ];

  function addSendLinks() {
    standInViewLink();
    var links = document.querySelectorAll("a[href*='" + VIEW + "']");
    Array.prototype.forEach.call(links, function (view) {
      var after = view;
      SENDS.forEach(function (kind) {
        var href = view.getAttribute("href").replace(VIEW, kind.prefix);
        var next = after.nextElementSibling;
        if (!next || next.getAttribute("data-gui-duyet") !== kind.kind) {
          next = document.createElement("a");
          next.setAttribute("data-gui-duyet", kind.kind);
          next.setAttribute("download", "");
          next.className = "gui-duyet";
          next.style.cssText = LINK_STYLE;
          next.title = kind.title;
          next.textContent = kind.text;
          after.parentNode.insertBefore(next, after.nextSibling);
        }
        if (next.getAttribute("href") !== href) { next.setAttribute("href", href); }
        after = next;
      });
    });
  }
  window.addEventListener("hashchange", addSendLinks);
  new MutationObserver(addSendLinks).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["href"]
  });
})();
