/* Our parts of the editor: the site's stylesheet in the preview, and a post
   preview that shows the gallery as figures with captions, as the site does.
   (Our wording of Decap's own strings is in editor-locale.js.) */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  if (!CMS || !h) { return; }

  CMS.registerPreviewStyle("/theme/css/site.css");

  function photoUrl(props, src) {
    if (!src) { return ""; }
    var asset = props.getAsset(src);
    return asset ? asset.toString() : src;
  }

  var PostPreview = window.createClass({
    render: function () {
      var props = this.props;
      var entry = props.entry;
      var gallery = entry.getIn(["data", "gallery"]);
      var figures = [];
      if (gallery) {
        gallery.forEach(function (photo, index) {
          var src = photo.get("src");
          var caption = photo.get("caption") || "";
          figures.push(h("figure", { key: index },
            h("img", { src: photoUrl(props, src), alt: photo.get("alt") || caption }),
            h("figcaption", {}, caption)));
        });
      }
      var title = entry.getIn(["data", "title"]) || "";
      // The preview is a frame of its own: give it a language and a title.
      var describeFrame = function (element) {
        if (!element) { return; }
        element.ownerDocument.documentElement.lang = "vi";
        element.ownerDocument.title = "Xem trước: " + title;
      };
      return h("article", { className: "article", ref: describeFrame },
        h("h1", {}, title),
        h("p", { className: "meta" }, entry.getIn(["data", "date"]) || ""),
        h("div", { className: "content" }, props.widgetFor("body")),
        figures.length ? h("div", { className: "gallery" }, figures) : null);
    }
  });
  CMS.registerPreviewTemplate("posts", PostPreview);
})();
