/* Where our scripts find Decap's own elements, in one place, by what does not
   change with a Decap build: labels tied to their controls (label[for]),
   roles, ARIA attributes and the words of our locale; not by the generated
   class names of Decap's styled components (css-<hash>-ControlErrorsList…).
   tests/test_editor_hooks.py opens real screens and fails if a hook finds
   nothing. Used by editor-errors.js, editor-a11y.js and drafts.js. */
(function () {
  "use strict";
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // A field's labels: Decap ties each to its control by id ("date-field-2").
  function labels(root) { return all("label[for]", root); }

  // A field's box: the nearest ancestor of its label that holds the control too.
  function fieldOf(element) {
    var label = element && element.matches && element.matches("label[for]") ? element
      : null;
    var node = element;
    while (node && node !== document.body) {
      var inside = label ? [label] : labels(node).filter(function (l) {
        return l.closest("label") === l;
      });
      if (inside.length === 1) {
        var control = document.getElementById(inside[0].htmlFor);
        if (control && node.contains(control) && node !== control) { return node; }
      } else if (inside.length > 1) {
        return null;
      }
      node = node.parentElement;
    }
    return null;
  }

  // The error list Decap puts beside a field's label.
  function errorItems(root) { return all("label[for] ~ ul > li", root); }

  // A field's hint: the paragraph after its control, in the field's box.
  function hints(root) {
    return labels(root).map(fieldOf).filter(Boolean).map(function (box) {
      return all(":scope > p", box);
    }).reduce(function (a, b) { return a.concat(b); }, []);
  }

  function words(path, fallback) {
    var locale = window.CMS && window.CMS.getLocale && window.CMS.getLocale("vi");
    var value = path.reduce(function (node, key) { return node && node[key]; }, locale);
    return typeof value === "string" ? value : fallback;
  }

  // The editor's top bar: the link back to the collection, then the main section.
  function backLink() {
    var prefix = words(["editor", "editorToolbar", "backCollection"],
      "Đang viết trong bộ sưu tập").split("%{")[0].trim();
    return all("a[href^='#/collections/']").filter(function (link) {
      return (link.textContent || "").indexOf(prefix) >= 0;
    })[0] || null;
  }
  // Under it, "Thay đổi chưa được lưu" / "… đã được lưu" (or new-entry-status.js's words).
  function backStatus() {
    var back = backLink();
    var said = [
      words(["editor", "editorToolbar", "unsavedChanges"], "Thay đổi chưa được lưu"),
      words(["editor", "editorToolbar", "changesSaved"], "Thay đổi đã được lưu"),
      "Bài mới, chưa lưu"
    ];
    return back ? all("*", back).filter(function (element) {
      return !element.children.length && said.indexOf((element.textContent || "").trim()) >= 0;
    }) : [];
  }
  function toolbarMain() {
    var back = backLink();
    return back ? back.nextElementSibling : null;
  }

  // The save button (a dropdown): "Lưu", "Đang lưu…" or "Đã lưu".
  function publishButtons() {
    var toolbar = toolbarMain();
    return toolbar ? all("[role='button'][aria-haspopup]", toolbar) : [];
  }

  // A list item's bar: its drag handle sits between open/close and remove.
  function listItemBars() {
    return all("[aria-roledescription='sortable'][role='button']").map(function (handle) {
      return handle.parentElement;
    }).filter(Boolean);
  }

  // The body's "Markdown" switch; a yes/no field's switch has its own label.
  function markdownSwitches() {
    return all("button[role='switch']").filter(function (toggle) {
      return !(toggle.id && document.querySelector("label[for='" + CSS.escape(toggle.id) + "']"));
    });
  }

  window.wardDecap = {
    labels: labels,
    fieldOf: fieldOf,
    errorItems: errorItems,
    hints: hints,
    backLink: backLink,
    backStatus: backStatus,
    toolbarMain: toolbarMain,
    publishButtons: publishButtons,
    listItemBars: listItemBars,
    markdownSwitches: markdownSwitches
  };
})();
