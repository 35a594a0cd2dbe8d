/* Province search: one Pagefind instance over every ward's index (mergeIndex),
   each result labelled with the ward whose address it starts with. */
(function () {
  "use strict";
  var indexes = JSON.parse(document.getElementById("chi-muc").textContent);
  var status = document.getElementById("trang-thai");
  var list = document.getElementById("ket-qua-tinh");
  var ready = null;

  function load() {
    if (!indexes.length) {
      return Promise.reject(new Error("Chưa có chỉ mục tìm kiếm của phường nào."));
    }
    var first = indexes[0];
    return import(new URL(first.bundle + "pagefind.js", window.location.href).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: first.base, excerptLength: 25 }).then(function () {
        return Promise.all(indexes.slice(1).map(function (index) {
          return pagefind.mergeIndex(new URL(index.bundle, window.location.href).href, { baseUrl: index.base });
        }));
      }).then(function () { return pagefind; });
    });
  }

  function wardOf(url) {
    for (var i = 0; i < indexes.length; i++) {
      if (url.indexOf(indexes[i].base) === 0) { return indexes[i].name; }
    }
    return "";
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var ward = document.createElement("span");
      ward.className = "phuong";
      ward.textContent = wardOf(data.url);
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — "));
      item.appendChild(ward);
      list.appendChild(item);
    });
    status.textContent = results.length ? "Có " + results.length + " kết quả." : "Không có kết quả.";
  }

  function run(query) {
    status.textContent = "Đang tìm…";
    ready = ready || load();
    ready.then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
    }).then(show).catch(function (error) {
      status.textContent = "Không tìm được: " + error.message;
    });
  }

  var field = document.getElementById("tu-khoa");
  document.getElementById("tim-tinh").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = field.value.trim();
    if (query) { run(query); }
  });
  // The header's search box of every page sends ?q=: search at once.
  var asked = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (asked) {
    field.value = asked;
    run(asked);
  }
})();
