/* Our wording of Decap's strings ("Lưu" where Decap says "Công bố"), and
   Vietnamese for what Decap 3.16's own "vi" locale leaves in English (found by
   comparing it with "en", key by key), merged through CMS.registerLocale; and
   the few English words that do not come from the locale at all: react-select's
   "No options" / "Loading..." and the media library's replace dialog. */
(function () {
  "use strict";
  var CMS = window.CMS;
  if (!CMS) { return; }

  // Our wording where Decap's Vietnamese is missing or misleading: "Công bố"
  // (publish) only saves here; the post goes online when its status is approved.
  var OURS = {
    auth: { login: "Vào trình soạn bài" },
    editor: {
      editorToolbar: {
        publish: "Lưu",
        publishing: "Đang lưu…",
        published: "Đã lưu",
        publishNow: "Lưu ngay",
        publishAndCreateNew: "Lưu và viết bài mới",
        publishAndDuplicate: "Lưu và nhân bản",
        deployPreviewButtonLabel: "Xem trên trang",
        deployPreviewPendingButtonLabel: "Xem trên trang",
        deployButtonLabel: "Xem trên trang"
      },
      editorWidgets: { list: { add: "Thêm %{item}", addType: "Thêm %{item}" } },
      // Deleting moves the entry to the trash (safety.js, trash.py): say so.
      editor: {
        onDeletePublishedEntry: "Chuyển mục này vào Thùng rác? Nó không còn trên trang cho "
          + "đến khi được khôi phục từ Thùng rác.",
        onDeleteWithUnsavedChanges: "Chuyển mục này vào Thùng rác? Phần vừa sửa mà chưa lưu "
          + "sẽ bỏ đi; mục lấy lại được từ Thùng rác."
      }
    }
  };
  // Keys Decap lacks or left in English.
  var VI = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo" },
    collection: {
      collectionTop: {
        viewAs: "Xem dạng",
        viewAsList: "Xem dạng danh sách",
        viewAsGrid: "Xem dạng lưới",
        newButton: "＋ Thêm %{collectionLabel}",
        newButtonAriaLabel: "Thêm %{collectionLabel}",
        groupBy: "Nhóm theo"
      },
      entries: { unpublishedHeader: "Mục chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không %{label}" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "trường %{widgetLabel}" } },
      editorControlPane: {
        i18n: {
          writingInLocale: "Đang viết bằng %{locale}",
          copyFromLocale: "Chép từ ngôn ngữ khác",
          copyFromLocaleConfirm: "Chép nội dung từ %{locale}?\nNội dung hiện có sẽ bị thay."
        }
      },
      editorInterface: {
        toggleI18n: "Bật/tắt nhiều ngôn ngữ",
        togglePreview: "Bật/tắt xem trước",
        toggleScrollSync: "Cuộn cùng nhau",
        toggleNotes: "Bật/tắt ghi chú"
      },
      editorNotesPane: {
        title: "Ghi chú",
        emptyState: "Chưa có ghi chú nào.",
        addNote: "Thêm ghi chú",
        addPlaceholder: "Viết ghi chú…",
        editPlaceholder: "Sửa ghi chú…",
        save: "Lưu",
        cancel: "Hủy",
        edit: "Sửa",
        delete: "Xóa",
        resolve: "Đã xong",
        unresolve: "Mở lại",
        confirmDelete: "Xóa ghi chú này?",
        shortcut: "Mẹo: bấm Ctrl+Enter để thêm nhanh"
      },
      editorToolbar: {
        statusInfoTooltipDraft: "Mục đang là bản nháp.",
        statusInfoTooltipInReview: "Mục đang chờ duyệt; vẫn sửa được."
      },
      editorWidgets: {
        markdown: {
          bold: "Đậm",
          italic: "Nghiêng",
          strikethrough: "Gạch ngang",
          code: "Mã",
          link: "Liên kết",
          linkPrompt: "Nhập địa chỉ liên kết",
          headings: "Tiêu đề mục",
          quote: "Trích dẫn",
          bulletedList: "Danh sách dấu chấm",
          numberedList: "Danh sách đánh số",
          addComponent: "Thêm thành phần",
          markdown: "Markdown",
          toggleMode: {
            rich: "Chuyển sang soạn thường",
            markdown: "Chuyển sang soạn Markdown"
          }
        },
        image: {
          chooseMultiple: "Chọn các hình",
          chooseUrl: "Chèn từ địa chỉ",
          replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của hình",
          addMore: "Thêm hình",
          removeAll: "Bỏ mọi hình"
        },
        file: {
          chooseUrl: "Chèn từ địa chỉ",
          chooseMultiple: "Chọn các tệp",
          replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của tệp",
          addMore: "Thêm tệp",
          removeAll: "Bỏ mọi tệp"
        },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        object: { expand: "Mở ra", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: "Chép",
        copyUrl: "Chép địa chỉ",
        copyPath: "Chép đường dẫn",
        copyName: "Chép tên",
        copied: "Đã chép"
      },
      mediaLibraryModal: { close: "Đóng" }
    },
    ui: {
      settingsDropdown: { account: "Tài khoản" },
      toast: {
        onFailToPersist: "Chưa lưu: %{details}",
        noteAdded: "Đã thêm ghi chú",
        onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã sửa ghi chú",
        onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú",
        onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Ghi chú đã xong",
        noteReopened: "Đã mở lại ghi chú",
        onFailToToggleNote: "Không đổi được ghi chú: %{details}"
      }
    }
  };

  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = (value && typeof value === "object") ? merge(out[key], value) : value;
    });
    return out;
  }
  if (CMS.getLocale && CMS.getLocale("vi")) {
    CMS.registerLocale("vi", merge(merge(CMS.getLocale("vi"), OURS), VI));
  }

  // Words that are not in the locale: react-select's notices and placeholder.
  var WORDS = {
    "No options": "Không có lựa chọn nào",
    "Loading...": "Đang tải…",
    "Select...": "Chọn…"
  };
  function translate(node) {
    if (node.nodeType === 3) {
      var text = node.nodeValue.trim();
      if (Object.prototype.hasOwnProperty.call(WORDS, text)) {
        node.nodeValue = WORDS[text];
      }
      return;
    }
    if (node.nodeType !== 1) { return; }
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var found = [];
    while (walker.nextNode()) { found.push(walker.currentNode); }
    found.forEach(translate);
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "characterData") { translate(change.target); }
      change.addedNodes.forEach(translate);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  // The media library asks in English before replacing a photo of the same name.
  var confirmInEnglish = window.confirm.bind(window);
  window.confirm = function (message) {
    var match = /^(.*) already exists\. Do you want to replace it\?$/.exec(String(message));
    if (match) {
      message = "Đã có tệp \u201c" + match[1] + "\u201d. Thay tệp cũ bằng tệp mới?";
    }
    return confirmInEnglish(message);
  };
})();
