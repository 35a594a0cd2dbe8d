/* Hosted mode only (the bundle adds js-yaml before this script): links.yml and
   each post's comments file have a list at their root, which Decap cannot
   edit; these formats show the list as one field (groups:, comments:) and
   write the list back, so Decap on GitHub/GitLab/Gitea never replaces a file's
   list with a mapping. Locally our server does the same (documents.py). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var yaml = window.jsyaml;
  if (!CMS || !yaml || !CMS.registerCustomFormat) { return; }

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

  function listFormat(key) {
    return {
      fromFile: function (text) {
        var data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
        var wrapped = {};
        wrapped[key] = Array.isArray(data) ? data : (data && data[key]) || [];
        return wrapped;
      },
      toFile: function (data) {
        var list = trimmed((data && data[key]) || []) || [];
        return yaml.dump(list, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
      }
    };
  }
  var FORMATS = { "ward-comments": listFormat("comments"), "ward-links": listFormat("groups") };
  Object.keys(FORMATS).forEach(function (name) {
    CMS.registerCustomFormat(name, "yml", FORMATS[name]);
  });
  window.wardListFormats = FORMATS;  // for the tests
})();
