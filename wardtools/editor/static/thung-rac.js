/* The trash page: lists what the editor deleted (trashList) and puts an item
   back (trashRestore), through the editor's own API (wardtools/editor/trash.py). */
(function () {
  "use strict";
  var table = document.getElementById("thung-rac");
  var body = table.querySelector("tbody");
  var empty = document.getElementById("trong");
  var status = document.getElementById("thong-bao");

  function call(action, params) {
    return fetch("/api/v1", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: action, params: params || {} })
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Error(answer.error || "Không khôi phục được."); }
        return answer;
      });
    });
  }

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? "loi" : "";
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function editorLink(item) {
    var file = item.files[0] || "";
    var post = /^posts\/(.+)\.md$/.exec(file);
    if (item.kind === "bài viết" && post) {
      return "/quan-tri/#/collections/posts/entries/" + post[1];
    }
    var page = /^pages\/(.+)\.md$/.exec(file);
    return page ? "/quan-tri/#/collections/pages/entries/" + page[1] : "/quan-tri/";
  }

  function show(items) {
    body.textContent = "";
    table.hidden = items.length === 0;
    empty.hidden = items.length !== 0;
    items.forEach(function (item) {
      var row = document.createElement("tr");
      var title = cell(row, item.title);
      var extra = item.files.length > 1 ? " (kèm " + (item.files.length - 1) + " tệp)" : "";
      title.appendChild(document.createTextNode(extra));
      cell(row, item.kind + (item.published ? ", đã đăng" : ""));
      cell(row, item.deleted);
      var action = cell(row, "");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Khôi phục";
      button.setAttribute("aria-label", "Khôi phục " + item.title);
      button.addEventListener("click", function () {
        button.disabled = true;
        call("trashRestore", { id: item.id }).then(function () {
          say("Đã khôi phục “" + item.title + "”.");
          var link = document.createElement("a");
          link.href = editorLink(item);
          link.textContent = " Mở trong trình soạn";
          status.appendChild(link);
          load();
        }, function (error) {
          button.disabled = false;
          say(error.message, true);
        });
      });
      action.appendChild(button);
      body.appendChild(row);
    });
  }

  function load() {
    call("trashList").then(show, function (error) { say(error.message, true); });
  }
  load();
})();
