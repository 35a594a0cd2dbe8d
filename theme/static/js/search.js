/* Search page: Pagefind in Vietnamese, with or without diacritics.
   Pagefind strips tone marks; our build adds folded words ("duong" for
   "Đường") to each page. This script ranks pages that contain the words
   exactly as typed first, and builds excerpts from the real text only. */
(function () {
  "use strict";
  var list = document.getElementById("ket-qua");
  var form = document.querySelector(".search-page-form");
  if (!list || !form) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("tinh-trang");
  var filterBox = document.querySelector(".search-filters");
  var selects = Array.prototype.slice.call(document.querySelectorAll(".search-filters select"));
  var bundle = list.getAttribute("data-bundle");
  var pagefind = null;
  var generation = 0;

  function loose(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }
  function exact(text) { return text.normalize("NFC").toLowerCase(); }
  function bare(word) { return word.replace(/^[^\w\u00C0-\u1EF9]+|[^\w\u00C0-\u1EF9]+$/g, ""); }
  function words(text) { return text.split(/\s+/).map(bare).filter(Boolean); }

  function realText(data) {
    var folded = (data.meta && data.meta.folded) || "";
    var content = data.content || "";
    var at = folded ? content.lastIndexOf(folded) : -1;
    return at >= 0 ? content.slice(0, at) : content;
  }

  /* Where `wanted` (folded) occurs in `token`: the whole token, its start, or
     a part after "/", "-" or "." ("342" in "342/KH-UBND", "2021" in
     "34/2021/NĐ-CP"). Returns [start, end] in the token's own characters. */
  function foldedChars(token) {
    // One folded character per character, so positions match the original.
    return Array.prototype.map.call(token, function (ch) {
      var folded = loose(ch);
      return folded.length === 1 ? folded : ch.toLowerCase().charAt(0) || ch;
    }).join("");
  }
  function matchIn(token, wanted) {
    var folded = foldedChars(token);
    for (var i = 0; i < wanted.length; i++) {
      var word = wanted[i];
      var at = folded.indexOf(word);
      while (at >= 0) {
        if (at === 0 || /[\/\-.(]/.test(folded.charAt(at - 1))) {
          return [at, at + word.length];
        }
        at = folded.indexOf(word, at + 1);
      }
    }
    return null;
  }

  function excerpt(text, query) {
    var tokens = text.normalize("NFC").split(/\s+/).filter(Boolean);
    var wanted = words(query).map(loose).sort(function (a, b) { return b.length - a.length; });
    var first = -1;
    var marks = tokens.map(function (token, index) {
      var hit = matchIn(token, wanted);
      if (hit && first < 0) { first = index; }
      return hit;
    });
    var start = Math.max(0, first - 12);
    var end = Math.min(tokens.length, start + 32);
    var paragraph = document.createElement("p");
    paragraph.className = "search-excerpt";
    if (start > 0) { paragraph.appendChild(document.createTextNode("… ")); }
    for (var i = start; i < end; i++) {
      var token = tokens[i];
      var hit = marks[i];
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = token.slice(hit[0], hit[1]);
        paragraph.appendChild(document.createTextNode(token.slice(0, hit[0])));
        paragraph.appendChild(mark);
        paragraph.appendChild(document.createTextNode(token.slice(hit[1])));
      } else {
        paragraph.appendChild(document.createTextNode(token));
      }
      paragraph.appendChild(document.createTextNode(i + 1 < end ? " " : ""));
    }
    if (end < tokens.length) { paragraph.appendChild(document.createTextNode(" …")); }
    return paragraph;
  }

  /* How well a page matches, best first:
     4 the words as typed, side by side; 3 every word as typed;
     2 side by side once marks and đ are folded; 1 every word folded; 0 partial. */
  function hasPhrase(tokens, wanted) {
    var needle = " " + wanted.join(" ") + " ";
    return (" " + tokens.join(" ") + " ").indexOf(needle) >= 0;
  }
  function tier(text, folded, query) {
    var typed = words(text).map(exact);
    var loosened = words(text).map(loose);
    var extra = words(folded).map(loose);
    var wantTyped = words(query).map(exact);
    var wantLoose = words(query).map(loose);
    var allIn = function (have, want) {
      return want.every(function (w) { return have.indexOf(w) >= 0; });
    };
    if (hasPhrase(typed, wantTyped)) { return 4; }
    if (allIn(typed, wantTyped)) { return 3; }
    if (hasPhrase(loosened, wantLoose)) { return 2; }
    if (allIn(loosened.concat(extra), wantLoose)) { return 1; }
    return 0;
  }

  function render(results, query) {
    list.textContent = "";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.data.url;
      link.textContent = (item.data.meta && item.data.meta.title) || item.data.url;
      var heading = document.createElement("h2");
      heading.className = "search-title";
      heading.appendChild(link);
      li.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "card-meta";
      meta.textContent = [item.data.meta.date, item.data.meta.category].filter(Boolean).join(" · ");
      li.appendChild(meta);
      li.appendChild(excerpt(item.text, query));
      list.appendChild(li);
    });
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) { filters[select.getAttribute("data-filter")] = select.value; }
    });
    return filters;
  }

  function run() {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return Promise.resolve();
    }
    if (!pagefind) {
      // The index is still loading: this query runs as soon as it is ready.
      status.textContent = "Đang tải bộ tìm kiếm…";
      return Promise.resolve();
    }
    status.textContent = "Đang tìm…";
    return pagefind.search(query, { filters: chosenFilters() }).then(function (search) {
      return Promise.all(search.results.slice(0, 40).map(function (result, order) {
        return result.data().then(function (data) {
          var text = realText(data);
          var folded = (data.meta && data.meta.folded) || "";
          return { data: data, text: text, order: order, tier: tier(text, folded, query) };
        });
      }));
    }).then(function (results) {
      if (mine !== generation) { return; } // a newer query is on its way
      results.sort(function (a, b) {
        return (b.tier - a.tier) || (a.order - b.order);
      });
      render(results, query);
      status.textContent = results.length
        ? "Tìm thấy " + results.length + " bài cho “" + query + "”."
        : "Không tìm thấy bài nào cho “" + query + "”. Thử từ khóa khác, có dấu hoặc không dấu.";
      document.body.setAttribute("data-search-done", query);
    });
  }

  function fillFilters(available) {
    selects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-filter")] || {}).sort();
      if (select.getAttribute("data-filter") === "year") { values.reverse(); }
      if (values.length && select.hidden) {
        // Shown only where merged wards' archives were imported (former_unit).
        select.hidden = false;
        select.parentNode.hidden = false;
        document.querySelector("label[for='" + select.id + "']").hidden = false;
      }
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      select.addEventListener("change", run);
      select.disabled = false;
    });
    filterBox.removeAttribute("aria-busy");
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    run();
  });

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  var base = new URL(bundle, window.location.href).pathname.replace(/pagefind\/$/, "");
  import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: base, excerptLength: 30 });
  }).then(function () {
    return pagefind.filters();
  }).then(function (available) {
    fillFilters(available);
    return run();
  }).catch(function () {
    status.textContent = "Không tải được bộ tìm kiếm. Hãy tải lại trang.";
  });
})();
