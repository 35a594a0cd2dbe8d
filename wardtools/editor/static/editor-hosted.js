/* Hosted mode only (the bundle adds js-yaml before this script), where Decap
   writes to the forge without our server (wardtools/editor/hosted.py):
   - links.yml and each post's comments file have a list at their root, which
     Decap cannot edit: "ward-links" and "ward-comments" show the list as one
     field (groups:, comments:) and write it back as a list;
   - posts ("ward-posts") get the hidden ISO date the list sorts on, newest
     first, as our server adds it locally (documents.SORT_FIELD), never written,
     and the status in the form's words ("bản nháp", "đã duyệt"), written in
     Pelican's;
   - every format keeps the file's own "#" comment lines, which js-yaml drops:
     they are read into a hidden field (ghi_chu_tep) and written back at the
     top of the file (a comment between entries moves to the top, not away).
   Locally our server does all this (documents.py). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var yaml = window.jsyaml;
  if (!CMS || !yaml || !CMS.registerCustomFormat) { return; }
  var KEPT = "ghi_chu_tep";
  var SORT = "ngay_sap_xep";

  function load(text) { return yaml.load(text, { schema: yaml.CORE_SCHEMA }); }
  function dump(data) {
    return yaml.dump(data, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
  }

  // Empty optional fields are left out, as the project's writer does.
  function trimmed(value) {
    if (Array.isArray(value)) {
      return value.map(trimmed).filter(function (item) { return item !== undefined; });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var kept = trimmed(value[key]);
        if (kept !== undefined) { out[key] = kept; }
      });
      return Object.keys(out).length ? out : undefined;
    }
    if (value === null || value === "") { return undefined; }
    return value;
  }

  // The file's "#" comment lines, when leaving them out changes nothing the
  // file says (a "#" line inside a block of text is text, not a comment).
  function commentLines(text) {
    var lines = String(text).split(/\r?\n/);
    var whole;
    try { whole = JSON.stringify(load(text)); } catch (e) { return []; }
    var tries = [/^\s*#/, /^#/];
    for (var i = 0; i < tries.length; i += 1) {
      var pattern = tries[i];
      var comments = lines.filter(function (line) { return pattern.test(line); });
      if (!comments.length) { return []; }
      var rest = lines.filter(function (line) { return !pattern.test(line); }).join("\n");
      try {
        if (JSON.stringify(load(rest)) === whole) {
          return comments.map(function (line) { return line.replace(/\s+$/, ""); });
        }
      } catch (e) { /* try the narrower rule */ }
    }
    var leading = [];
    for (var j = 0; j < lines.length && /^(#.*)?$/.test(lines[j]); j += 1) {
      if (lines[j]) { leading.push(lines[j].replace(/\s+$/, "")); }
    }
    return leading;
  }

  function header(data) {
    var kept = data && data[KEPT];
    return kept ? String(kept).replace(/\n*$/, "\n") : "";
  }

  function listFormat(key) {
    return {
      fromFile: function (text) {
        var data = load(text);
        var wrapped = {};
        wrapped[key] = Array.isArray(data) ? data : (data && data[key]) || [];
        var comments = commentLines(text);
        if (comments.length) { wrapped[KEPT] = comments.join("\n"); }
        return wrapped;
      },
      toFile: function (data) {
        var list = trimmed((data && data[key]) || []) || [];
        return header(data) + dump(list);
      }
    };
  }

  // "27/04/2023 19:30" or "2023-04-27" -> "2023-04-27T19:30", which sorts as time does.
  function sortKey(date) {
    var text = String(date || "").trim();
    var vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
    var iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text);
    var parts = vn ? [vn[3], vn[2], vn[1], vn[4], vn[5]]
      : iso ? [iso[1], iso[2], iso[3], iso[4], iso[5]] : null;
    if (!parts) { return ""; }
    function two(n) { return ("0" + (n || "0")).slice(-2); }
    return parts[0] + "-" + two(parts[1]) + "-" + two(parts[2]) + "T" +
      two(parts[3]) + ":" + two(parts[4]);
  }

  // Pelican's words on disk, the form's words in the editor, as our server maps
  // them locally (documents.STATUS_FOR_EDITOR); no status is Pelican's "published".
  var STATUS_FOR_EDITOR = { draft: "bản nháp", published: "đã duyệt", hidden: "ẩn" };
  function statusOnDisk(shown) {
    var found = Object.keys(STATUS_FOR_EDITOR).filter(function (word) {
      return STATUS_FOR_EDITOR[word] === shown;
    });
    return found.length ? found[0] : shown;
  }

  var FRONT = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
  var posts = {
    fromFile: function (text) {
      var match = FRONT.exec(String(text));
      if (!match) { return { body: String(text) }; }
      var data = load(match[1]) || {};
      if (typeof data !== "object" || Array.isArray(data)) { data = {}; }
      var comments = commentLines(match[1]);
      if (comments.length) { data[KEPT] = comments.join("\n"); }
      data[SORT] = sortKey(data.date);
      var status = data.status || "published";
      data.status = STATUS_FOR_EDITOR[status] || status;
      data.body = match[2];
      return data;
    },
    toFile: function (data) {
      var front = {};
      Object.keys(data || {}).forEach(function (key) {
        if (key !== "body" && key !== SORT && key !== KEPT) { front[key] = data[key]; }
      });
      if (front.status) { front.status = statusOnDisk(front.status); }
      var body = (data && data.body) || "";
      return "---\n" + header(data) + dump(trimmed(front) || {}) + "---\n" + body;
    }
  };

  var FORMATS = {
    "ward-comments": listFormat("comments"),
    "ward-links": listFormat("groups"),
    "ward-posts": posts
  };
  Object.keys(FORMATS).forEach(function (name) {
    CMS.registerCustomFormat(name, name === "ward-posts" ? "md" : "yml", FORMATS[name]);
  });
  window.wardListFormats = FORMATS;  // for the tests
})();
